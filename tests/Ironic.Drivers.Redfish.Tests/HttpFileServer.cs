using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging;

namespace Ironic.Drivers.Redfish.Tests;

/// <summary>A plain HTTP server over a directory on loopback: what serves <c>[deploy] http_root</c> at <c>http_url</c>.</summary>
internal sealed class HttpFileServer : IAsyncDisposable
{
    private readonly WebApplication app;

    private HttpFileServer(WebApplication app) => this.app = app;

    public string Url { get; private set; } = "";

    public static async Task<HttpFileServer> StartAsync(string root)
    {
        Directory.CreateDirectory(root);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        app.UseStaticFiles(new StaticFileOptions { FileProvider = new PhysicalFileProvider(root), ServeUnknownFileTypes = true });
        var server = new HttpFileServer(app);
        await app.StartAsync();
        server.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
