using Ironic.Api.Errors;
using Ironic.Api.Listing;
using Ironic.Api.Versioning;
using Ironic.Common.Validation;
using Ironic.Data;
using Ironic.Drivers;
using Microsoft.AspNetCore.Http;

namespace Ironic.Api.Endpoints;

/// <summary>The node list filters, each accepted from the microversion that introduced it.</summary>
internal static class NodeFilters
{
    public static readonly string[] Names =
    [
        "driver", "provision_state", "maintenance", "associated", "instance_uuid", "chassis_uuid", "resource_class",
        "fault", "conductor_group", "owner", "description_contains", "retired", "lessee",
    ];

    private static readonly string[] ProvisionStates =
    [
        "active", "adopt failed", "adopting", "available", "clean failed", "clean wait", "cleaning", "deleting",
        "deploy failed", "deploying", "enroll", "error", "inspect failed", "inspect wait", "inspecting", "manageable",
        "rescue", "rescue failed", "rescue wait", "rescuing", "unrescue failed", "unrescuing", "verifying", "wait call-back",
    ];

    private static readonly string[] Faults = ["power failure", "clean failure", "rescue abort failure"];

    public static List<Filter> Parse(IQueryCollection q, ApiVersion version)
    {
        var filters = new List<Filter>();

        string? Get(string name, int minVersion = 1)
        {
            var value = q[name].ToString();
            if (value.Length == 0)
            {
                return null;
            }

            return version.AtLeast(minVersion) ? value : throw ApiErrors.MinimumVersion(minVersion);
        }

        if (Get("driver", Microversions.DriverFilter) is { } driver)
        {
            filters.Add(Filter.Eq("driver", driver));
        }

        if (q["provision_state"].ToString() is { Length: > 0 } state)
        {
            if (!version.AtLeast(Microversions.ProvisionStateFilter))
            {
                throw ApiErrors.NotAcceptable();
            }

            filters.Add(Filter.Eq("provision_state", ProvisionStates.Contains(state) ? state : throw new Invalid($"Provision state \"{state}\" is not valid")));
        }

        if (Get("maintenance") is { } maintenance)
        {
            filters.Add(Filter.Eq("maintenance", QueryBool.Parse("maintenance", maintenance)));
        }

        if (Get("associated") is { } associated)
        {
            filters.Add(new Filter("instance_uuid", QueryBool.Parse("associated", associated) ? FilterOp.IsNotNull : FilterOp.IsNull));
        }

        if (Get("instance_uuid") is { } instance)
        {
            filters.Add(Filter.Eq("instance_uuid", Identifiers.RequireUuid("instance_uuid", instance)));
        }

        if (Get("chassis_uuid") is { } chassis)
        {
            filters.Add(Filter.Eq("chassis_uuid", Identifiers.RequireUuid("chassis_uuid", chassis)));
        }

        if (Get("resource_class", Microversions.ResourceClass) is { } rc)
        {
            filters.Add(Filter.Eq("resource_class", rc));
        }

        if (Get("fault", Microversions.Fault) is { } fault)
        {
            filters.Add(Filter.Eq("fault", Faults.Contains(fault) ? fault : throw new Invalid(
                $"Unrecognized fault \"{fault}\" is specified, allowed faults are ('power failure', 'clean failure', 'rescue abort failure')")));
        }

        if (Get("conductor_group", Microversions.ConductorGroup) is { } group)
        {
            filters.Add(new Filter("conductor_group", FilterOp.EqualIgnoreCase, group));
        }

        if (Get("owner", Microversions.Owner) is { } owner)
        {
            filters.Add(Filter.Eq("owner", owner));
        }

        if (Get("description_contains") is { } text)
        {
            filters.Add(new Filter("description", FilterOp.Contains, text));
        }

        if (Get("retired") is { } retired)
        {
            filters.Add(Filter.Eq("retired", QueryBool.Parse("retired", retired)));
        }

        if (Get("lessee", Microversions.Lessee) is { } lessee)
        {
            filters.Add(Filter.Eq("lessee", lessee));
        }

        return filters;
    }
}
