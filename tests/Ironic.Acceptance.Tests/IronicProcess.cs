using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Ironic.Acceptance.Tests;

/// <summary>What differs between the started servers: the conductor's host name, extra <c>[DEFAULT]</c> lines and sections.</summary>
public sealed record IronicServerSettings
{
    /// <summary><c>[DEFAULT] host</c>: the conductor's name.</summary>
    public string Host { get; init; } = IronicProcess.ConductorHost;

    /// <summary>Lines appended to the <c>[DEFAULT]</c> section (enabled drivers, plugin_dirs, ...).</summary>
    public string ExtraDefaultConfig { get; init; } = "";

    /// <summary>Whole sections appended after the others (a plugin's own options: <c>[contoso]</c> ...).</summary>
    public string ExtraSections { get; init; } = "";
}

/// <summary>
/// A real <c>dotnet ironic.dll all --config-file ironic.conf</c> child process (API + conductor over a
/// temp SQLite database) listening on a free loopback port. Its stdout/stderr go to <see cref="LogPath"/>.
/// </summary>
public sealed class IronicProcess : IDisposable
{
    /// <summary>Lists are cut into pages this small, so the CLI has to follow <c>next</c> links.</summary>
    public const int MaxLimit = 3;

    public const string ConductorHost = "acceptance-host";

    private static readonly TimeSpan StartupBudget = TimeSpan.FromSeconds(30);

    private readonly Process process;
    private readonly StreamWriter log;
    private readonly Lock logLock = new();
    private readonly Stopwatch launched = new();
    private readonly IronicServerSettings settings;
    private bool disposed;

    // False once a successor (KillAndRestartAsync) took over the state directory.
    private bool ownsStateDir = true;

    private IronicProcess(string stateDir, int port, IronicServerSettings settings, Process process, StreamWriter log)
    {
        StateDir = stateDir;
        Port = port;
        this.settings = settings;
        this.process = process;
        this.log = log;
    }

    /// <summary>Temp <c>state_path</c>: holds ironic.conf, the SQLite database and the server log.</summary>
    public string StateDir { get; }

    public int Port { get; }

    public string Endpoint => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public string LogPath => Path.Combine(StateDir, "server.log");

    /// <summary>The conductor's <c>[DEFAULT] host</c>.</summary>
    public string Host => settings.Host;

    /// <summary>From process launch to the first answer to <c>GET /</c>.</summary>
    public TimeSpan StartupTime { get; private set; }

    public bool HasExited => process.HasExited;

    /// <summary>"running (pid N)" or how it ended, for failure messages.</summary>
    public string Status
    {
        get
        {
            lock (logLock)
            {
                if (disposed)
                {
                    return "stopped by the fixture";
                }
            }

            return process.HasExited
                ? $"exited with code {process.ExitCode} at {process.ExitTime:O}"
                : $"running (pid {process.Id})";
        }
    }

    /// <summary>Starts the server and waits until <c>GET /</c> answers; retries on another port if the picked one got taken.</summary>
    public static Task<IronicProcess> StartAsync(IronicServerSettings? settings = null)
    {
        var stateDir = Path.Combine(Path.GetTempPath(), "ironic-acceptance-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(stateDir);
        return StartInAsync(stateDir, FreeTcpPort(), settings ?? new IronicServerSettings(), appendLog: false);
    }

    /// <summary>
    /// Kills this server the hard way (SIGKILL to the whole process tree: no shutdown code runs, as in a
    /// crash or power loss) and starts a new <c>ironic all</c> on the same state directory, database,
    /// configuration, host name and (if still free) port. The new process appends to the same log and
    /// owns the state directory from then on; this instance is disposed.
    /// </summary>
    public async Task<IronicProcess> KillAndRestartAsync()
    {
        lock (logLock)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            ownsStateDir = false;
        }

        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }

        Append($"==== acceptance: killed pid {process.Id} (SIGKILL); restarting on the same state ====");
        Dispose();
        return await StartInAsync(StateDir, Port, settings, appendLog: true).ConfigureAwait(false);
    }

    private static async Task<IronicProcess> StartInAsync(string stateDir, int port, IronicServerSettings settings, bool appendLog)
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = Launch(stateDir, port, settings, appendLog);
            try
            {
                await server.WaitUntilAnsweringAsync().ConfigureAwait(false);
                return server;
            }
            catch (Exception) when (attempt < 3 && server.HasExited && server.ReadLog().Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                // Keep the state directory for the next attempt; only the port changes.
                server.ownsStateDir = false;
                server.Dispose();
                port = FreeTcpPort();
                appendLog = true;
            }
            catch
            {
                server.Dispose();
                throw;
            }
        }
    }

    public string ReadLog()
    {
        lock (logLock)
        {
            if (!disposed)
            {
                log.Flush();
            }
        }

        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return $"(no server log: {e.Message})";
        }
    }

    public void Dispose()
    {
        lock (logLock)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
        }

        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }

        process.Dispose();
        lock (logLock)
        {
            log.Dispose();
        }

        if (!ownsStateDir)
        {
            return;
        }

        try
        {
            Directory.Delete(StateDir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind must not fail the run.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static IronicProcess Launch(string stateDir, int port, IronicServerSettings settings, bool appendLog)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "ironic.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"ironic.dll not found next to the tests ({AppContext.BaseDirectory}).", dll);
        }

        var config = Path.Combine(stateDir, "ironic.conf");
        var extra = string.Join('\n', settings.ExtraDefaultConfig.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0));
        var sections = string.Join('\n', settings.ExtraSections.Split('\n').Select(line => line.Trim()));
        File.WriteAllText(config, $"""
            [DEFAULT]
            state_path = {stateDir}
            host = {settings.Host}
            {extra}

            [api]
            host_ip = 127.0.0.1
            port = {port}
            max_limit = {MaxLimit}

            [conductor]
            node_locked_retry_interval = 0.1

            {sections}
            """);

        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = stateDir,
        };
        foreach (var arg in new[] { dll, "all", "--config-file", config })
        {
            start.ArgumentList.Add(arg);
        }

        // IRONIC_<SECTION>__<OPTION> variables override the file; none may leak in from the caller.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("IRONIC_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        var log = new StreamWriter(new FileStream(Path.Combine(stateDir, "server.log"), appendLog ? FileMode.Append : FileMode.Create, FileAccess.Write,
                FileShare.ReadWrite | FileShare.Delete),
            new UTF8Encoding(false));
        var process = new Process { StartInfo = start };
        var server = new IronicProcess(stateDir, port, settings, process, log);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        server.launched.Start();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    private async Task WaitUntilAnsweringAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"ironic all exited with code {process.ExitCode} before answering on {Endpoint}. Server log:\n{ReadLog()}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Endpoint + "/")).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    StartupTime = launched.Elapsed;
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but not answering yet.
            }

            if (launched.Elapsed > StartupBudget)
            {
                throw new TimeoutException($"ironic all did not answer GET {Endpoint}/ within {StartupBudget.TotalSeconds} s. Server log:\n{ReadLog()}");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (logLock)
        {
            if (!disposed)
            {
                log.WriteLine(line);
                log.Flush();
            }
        }
    }

    /// <summary>The dotnet host running these tests (set by <c>dotnet test</c>), else <c>dotnet</c> from PATH.</summary>
    internal static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        return !string.IsNullOrEmpty(host) && File.Exists(host) ? host : "dotnet";
    }

    internal static int FreeTcpPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
