using System.Text.Json.Nodes;

namespace Ironic.Testing.Redfish;

/// <summary>Maps a method and path (without trailing slash) to the emulator's resources. Called under its lock.</summary>
internal sealed class EmulatorRouter(RedfishEmulator emulator)
{
    private const string Root = "/redfish/v1";

    public Reply Route(string method, string path, JsonObject? body) =>
        Resolve(method, path, body)
        ?? (method != "GET" && Resolve("GET", path, null) is { Status: < 400 } ? Reply.MethodNotAllowed(method, path) : Reply.NotFound(path));

    private Reply? Resolve(string method, string path, JsonObject? body)
    {
        if (path == "/redfish")
        {
            return method == "GET" ? Reply.Ok(new JsonObject { ["v1"] = "/redfish/v1/" }) : Reply.MethodNotAllowed(method, path);
        }

        if (!path.StartsWith(Root, StringComparison.Ordinal) || (path.Length > Root.Length && path[Root.Length] != '/'))
        {
            return Reply.NotFound(path);
        }

        var segments = path[Root.Length..].Split('/', StringSplitOptions.RemoveEmptyEntries);
        var reply = (method, segments) switch
        {
            ("GET", []) => Reply.Ok(ServiceRoot()),
            ("GET", ["SessionService"]) => Reply.Ok(new JsonObject
            {
                ["@odata.id"] = Root + "/SessionService",
                ["Id"] = "SessionService",
                ["Name"] = "Session Service",
                ["ServiceEnabled"] = emulator.SessionsEnabled,
                ["SessionTimeout"] = 1800,
                ["Sessions"] = Reply.Link(Root + "/SessionService/Sessions"),
            }),
            ("GET", ["SessionService", "Sessions"]) => Reply.Ok(Reply.Collection(Root + "/SessionService/Sessions", "Sessions",
                emulator.SessionIds.Select(id => Root + "/SessionService/Sessions/" + id))),
            ("POST", ["SessionService", "Sessions"]) => emulator.Login(body),
            ("GET", ["SessionService", "Sessions", var id]) when emulator.SessionIds.Contains(id) => Reply.Ok(emulator.Session(id)),
            ("DELETE", ["SessionService", "Sessions", var id]) => emulator.Logout(id) ? Reply.NoContent : Reply.NotFound(path),
            ("GET", ["Systems"]) => Reply.Ok(Reply.Collection(Root + "/Systems", "Computer System Collection", emulator.Systems.Select(s => s.Path))),
            (_, ["Systems", var id, .. var rest]) when emulator.FindSystem(id) is { } system => SystemRoute(method, system, rest, body),
            ("GET", ["Chassis"]) => Reply.Ok(Reply.Collection(Root + "/Chassis", "Chassis Collection", emulator.Systems.Select(s => Root + "/Chassis/" + s.Id))),
            ("GET", ["Chassis", var id, .. var rest]) when emulator.FindSystem(id) is { } system => ChassisResources.Chassis(system, rest),
            ("GET", ["Managers"]) => Reply.Ok(Reply.Collection(Root + "/Managers", "Manager Collection", [Root + "/Managers/BMC"])),
            ("GET", ["Managers", "BMC"]) => Reply.Ok(Manager()),
            (_, ["Managers", "BMC", "VirtualMedia", .. var rest]) when emulator.VirtualMedia is { } media => VirtualMediaResources.Route(method, media, rest, body),
            ("GET", ["Registries"]) => Reply.Ok(Reply.Collection(Root + "/Registries", "Registry File Collection", [Root + "/Registries/BiosAttributeRegistry"])),
            ("GET", ["Registries", "BiosAttributeRegistry"]) => Reply.Ok(new JsonObject
            {
                ["@odata.id"] = Root + "/Registries/BiosAttributeRegistry",
                ["Id"] = "BiosAttributeRegistry",
                ["Name"] = "BIOS Attribute Registry File",
                ["Registry"] = RedfishEmulator.BiosRegistryId,
                ["Languages"] = new JsonArray("en"),
                ["Location"] = new JsonArray(new JsonObject { ["Language"] = "en", ["Uri"] = Root + "/Registries/BiosAttributeRegistry/Registry" }),
            }),
            ("GET", ["Registries", "BiosAttributeRegistry", "Registry"]) => Reply.Ok(BiosRegistry.Document()),
            ("GET", ["TaskService", "TaskMonitors", var id]) => emulator.PollTask(id),
            ("GET", ["UpdateService"]) => Reply.Ok(new JsonObject
            {
                ["@odata.id"] = Root + "/UpdateService",
                ["Id"] = "UpdateService",
                ["Name"] = "Update Service",
                ["Actions"] = new JsonObject { ["#UpdateService.SimpleUpdate"] = new JsonObject { ["target"] = Root + "/UpdateService/Actions/UpdateService.SimpleUpdate" } },
            }),
            _ => null,
        };
        return reply;
    }

    private Reply? SystemRoute(string method, SimulatedSystem system, string[] rest, JsonObject? body) => (method, rest) switch
    {
        ("GET", []) => Reply.Ok(SystemResources.System(system)),
        ("PATCH", []) => SystemResources.PatchSystem(system, body ?? []),
        ("POST", ["Actions", "ComputerSystem.Reset"]) => SystemResources.Reset(system, body ?? []),
        ("GET", ["Bios"]) when system.HasBios => Reply.Ok(BiosResources.Bios(system)),
        ("GET", ["Bios", "Settings"]) when system.HasBios => Reply.Ok(BiosResources.BiosSettings(system)),
        ("PATCH", ["Bios", "Settings"]) when system.HasBios => Async(BiosResources.PatchBiosSettings(system, body ?? [])),
        ("POST", ["Bios", "Actions", "Bios.ResetBios"]) when system.HasBios => ResetBios(system),
        ("GET", ["SecureBoot"]) when system.SecureBootEnabled is { } enabled => Reply.Ok(new JsonObject
        {
            ["@odata.id"] = system.Path + "/SecureBoot",
            ["Id"] = "SecureBoot",
            ["Name"] = "UEFI Secure Boot",
            ["SecureBootEnable"] = enabled,
            ["SecureBootCurrentBoot"] = enabled ? "Enabled" : "Disabled",
            ["SecureBootMode"] = "DeployedMode",
        }),
        ("PATCH", ["SecureBoot"]) when system.SecureBootEnabled is not null => PatchSecureBoot(system, body),
        ("GET", _) => InventoryResources.Inventory(system, rest),
        _ => null,
    };

    private Reply ResetBios(SimulatedSystem system)
    {
        system.BiosResetPending = true;
        system.PendingBios.Clear();
        return Async(Reply.NoContent);
    }

    private Reply Async(Reply reply) => emulator.AsyncBiosJobs && reply.Status < 300 ? emulator.StartTask() : reply;

    private static Reply PatchSecureBoot(SimulatedSystem system, JsonObject? body)
    {
        if (body?["SecureBootEnable"] is not JsonValue value || !value.TryGetValue<bool>(out var enable))
        {
            return Reply.Error(400, "Base.1.8.PropertyValueTypeError", "SecureBootEnable must be a boolean.");
        }

        if (system.BootMode == "Legacy")
        {
            return Reply.Error(409, "Base.1.8.ActionNotSupported", "Secure boot needs UEFI boot mode.");
        }

        system.SecureBootEnabled = enable;
        return Reply.NoContent;
    }

    private JsonObject Manager()
    {
        var manager = new JsonObject
        {
            ["@odata.id"] = Root + "/Managers/BMC",
            ["Id"] = "BMC",
            ["Name"] = "Simulated BMC",
            ["ManagerType"] = "BMC",
            ["FirmwareVersion"] = "1.0.0",
            ["UUID"] = "92384634-2938-2342-8820-489239905424",
            ["Links"] = new JsonObject { ["ManagerForServers"] = new JsonArray([.. emulator.Systems.Select(s => (JsonNode)Reply.Link(s.Path))]) },
        };
        if (emulator.VirtualMedia is not null)
        {
            manager["VirtualMedia"] = Reply.Link(VirtualMediaResources.CollectionPath);
        }

        return manager;
    }

    private JsonObject ServiceRoot() => new()
    {
        ["@odata.id"] = Root + "/",
        ["Id"] = "RootService",
        ["Name"] = "Root Service",
        ["RedfishVersion"] = "1.8.0",
        ["UUID"] = "92384634-2938-2342-8820-489239905423",
        ["Systems"] = Reply.Link(Root + "/Systems"),
        ["Managers"] = Reply.Link(Root + "/Managers"),
        ["Chassis"] = Reply.Link(Root + "/Chassis"),
        ["SessionService"] = Reply.Link(Root + "/SessionService"),
        ["UpdateService"] = Reply.Link(Root + "/UpdateService"),
        ["Registries"] = Reply.Link(Root + "/Registries"),
        ["Links"] = new JsonObject { ["Sessions"] = Reply.Link(Root + "/SessionService/Sessions") },
    };
}
