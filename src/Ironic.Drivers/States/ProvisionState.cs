namespace Ironic.Drivers;

/// <summary>Ironic's provision state names, exactly as clients see them.</summary>
public static class ProvisionState
{
    public const string Enroll = "enroll";
    public const string Verifying = "verifying";
    public const string Manageable = "manageable";
    public const string Available = "available";
    public const string Active = "active";
    public const string Deploying = "deploying";
    public const string DeployWait = "wait call-back";
    public const string DeployFailed = "deploy failed";
    public const string Deleting = "deleting";
    public const string Cleaning = "cleaning";
    public const string CleanWait = "clean wait";
    public const string CleanFailed = "clean failed";
    public const string Inspecting = "inspecting";
    public const string InspectWait = "inspect wait";
    public const string InspectFailed = "inspect failed";
    public const string Error = "error";
    public const string Deleted = "deleted";
    public const string Rescue = "rescue";
    public const string Rescuing = "rescuing";
    public const string RescueWait = "rescue wait";
    public const string RescueFailed = "rescue failed";
    public const string Unrescuing = "unrescuing";
    public const string UnrescueFailed = "unrescue failed";
    public const string Adopting = "adopting";
    public const string AdoptFailed = "adopt failed";
}
