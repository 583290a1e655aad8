namespace Ironic.Api.Versioning;

/// <summary>
/// The microversions that change what the served resources show or accept (minor numbers of 1.x),
/// named after Ironic's own list. Only features built here are listed.
/// </summary>
public static class Microversions
{
    public const int DriverInternalInfo = 3;
    public const int NodeName = 5;
    public const int Inspection = 6;
    public const int CleanStep = 7;
    public const int Fields = 8;
    public const int ProvisionStateFilter = 9;
    public const int RelaxedNames = 10;
    public const int EnrollByDefault = 11;
    public const int RaidConfig = 12;
    public const int DriverFilter = 16;
    public const int PortInternalInfo = 18;
    public const int PortLocalLink = 19;
    public const int NetworkInterface = 20;
    public const int ResourceClass = 21;
    public const int Portgroups = 23;
    public const int SubResources = 24;
    public const int UnsetChassis = 25;
    public const int RamdiskEndpoints = 22;
    public const int PortgroupModeProperties = 26;
    public const int SoftPower = 27;
    public const int InjectNmi = 29;
    public const int DynamicDrivers = 30;
    public const int DynamicInterfaces = 31;
    public const int StorageInterface = 33;
    public const int PhysicalNetwork = 34;
    public const int RebuildConfigDrive = 35;
    public const int HeartbeatAgentVersion = 36;
    public const int Traits = 37;
    public const int RescueInterface = 38;
    public const int BiosInterface = 40;
    public const int Fault = 42;
    public const int DetailParameter = 43;
    public const int DeployStep = 44;
    public const int ResetInterfaces = 45;
    public const int ConductorGroup = 46;
    public const int AutomatedClean = 47;
    public const int Protected = 48;
    public const int Conductor = 49;
    public const int Owner = 50;
    public const int Description = 51;
    public const int Allocation = 52;
    public const int SmartNic = 53;
    public const int BuildConfigDrive = 56;
    public const int ConfigDriveVendorData = 59;
    public const int Retired = 61;
    public const int AgentToken = 62;
    public const int Lessee = 65;
    public const int NetworkData = 66;
    public const int VifAttachPort = 67;
    public const int HeartbeatVerifyCa = 68;
    public const int DeploySteps = 69;
    public const int CleanDisableRamdisk = 70;
    public const int RbacScopes = 71;
    public const int HeartbeatStatus = 72;
    public const int DeployUndeployVerbs = 73;
    public const int BiosRegistry = 74;
    public const int NodeBootMode = 75;
    public const int ChangeBootMode = 76;
    public const int DriverFields = 77;
    public const int NodeHistory = 78;
    public const int NodeInventory = 81;
    public const int ContinueInspection = 84;

    /// <summary>The newest minor version served (see <see cref="ApiVersion.Maximum"/>).</summary>
    public const int Latest = 84;
}
