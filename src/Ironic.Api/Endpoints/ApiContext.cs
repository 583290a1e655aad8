using Ironic.Api.Listing;
using Ironic.Api.Versioning;
using Ironic.Common.Config;
using Ironic.Common.Rpc;
using Ironic.Data;
using Microsoft.AspNetCore.Http;

namespace Ironic.Api.Endpoints;

/// <summary>What every endpoint needs: storage for reads, the conductor for writes, options.</summary>
public sealed class ApiContext(IronicStore store, IConductorApi conductor, IronicOptions options, TimeProvider clock)
{
    public IronicStore Store { get; } = store;
    public IConductorApi Conductor { get; } = conductor;
    public IronicOptions Options { get; } = options;
    public TimeProvider Clock { get; } = clock;

    public string BaseUrl(HttpContext http) => Links.BaseUrl(http.Request, Options.Api.PublicEndpoint);
}
