using Ironic.Drivers;

namespace Ironic.Common.Exceptions;

/// <summary>A value that must be a UUID is not one (HTTP 400); names the field as Ironic does.</summary>
public class InvalidUuid(string field, string value) : IronicException($"Expected UUID for {field}: {value}", 400);
