using Ironic.Drivers;

namespace Ironic.Common.Exceptions;

/// <summary>A vendor method failed with an error that is not one of Ironic's (HTTP 500).</summary>
public class VendorPassthruException(string message, Exception? inner = null) : IronicException(message, 500, inner);
