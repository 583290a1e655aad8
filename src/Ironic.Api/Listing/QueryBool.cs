using Ironic.Drivers;

namespace Ironic.Api.Listing;

/// <summary>Booleans in query strings and request bodies, spelled as oslo's strict bool_from_string accepts.</summary>
public static class QueryBool
{
    private const string Accepted = "'0', '1', 'f', 'false', 'n', 'no', 'off', 'on', 't', 'true', 'y', 'yes'";

    public static bool? TryParse(string value) => value.Trim().ToLowerInvariant() switch
    {
        "true" or "1" or "yes" or "y" or "on" or "t" => true,
        "false" or "0" or "no" or "n" or "off" or "f" => false,
        _ => null,
    };

    public static bool Parse(string name, string value) =>
        TryParse(value) ?? throw new Invalid($"Invalid {name}: Unrecognized value '{value}', acceptable values are: {Accepted}");
}
