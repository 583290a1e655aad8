using Ironic.Drivers;

namespace Ironic.Common.Exceptions;

/// <summary>The conductor's worker pool is full; retry later (HTTP 503).</summary>
public class NoFreeConductorWorker() : IronicException("Requested action cannot be performed due to lack of free conductor workers.", 503);
