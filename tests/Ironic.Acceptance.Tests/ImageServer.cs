using System.Globalization;
using System.Net;
using System.Security.Cryptography;

namespace Ironic.Acceptance.Tests;

/// <summary>
/// A real HTTP server on loopback serving one whole-disk image the test made: 16 MiB of random bytes
/// behind an MBR partition table with one partition (the agent checks that a whole-disk image has one).
/// </summary>
public sealed class ImageServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Task serving;
    private readonly CancellationTokenSource stopping = new();
    private readonly bool stall;

    /// <param name="sizeMiB">The image's size.</param>
    /// <param name="stall">Send the first MiB, then nothing more until disposed: a download that never ends.</param>
    public ImageServer(int sizeMiB = 16, bool stall = false)
    {
        this.stall = stall;
        Image = MakeImage(sizeMiB * 1024 * 1024);
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(Image));
        Port = IronicProcess.FreeTcpPort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/");
        listener.Start();
        serving = Task.Run(ServeAsync);
    }

    public byte[] Image { get; }

    public string Sha256 { get; }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}/disk.img";

    /// <summary>How many times the image was downloaded.</summary>
    public int Downloads { get; private set; }

    public void Dispose()
    {
        stopping.Cancel();
        listener.Stop();
        listener.Close();
        try
        {
            serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }

        stopping.Dispose();
    }

    private async Task ServeAsync()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var response = context.Response;
            if (context.Request.Url?.AbsolutePath != "/disk.img")
            {
                response.StatusCode = 404;
                continue;
            }

            Downloads++;
            response.ContentLength64 = Image.Length;
            try
            {
                if (stall)
                {
                    await response.OutputStream.WriteAsync(Image.AsMemory(0, 1024 * 1024));
                    await Task.Delay(Timeout.Infinite, stopping.Token);
                }

                await response.OutputStream.WriteAsync(Image);
            }
            catch (Exception e) when (e is HttpListenerException or OperationCanceledException or ObjectDisposedException)
            {
            }
        }
    }

    private static byte[] MakeImage(int size)
    {
        var image = RandomNumberGenerator.GetBytes(size);
        Array.Clear(image, 0, 512);
        image[440] = 0x12; image[441] = 0x34; image[442] = 0x56; image[443] = 0x78;
        // One Linux partition from sector 2048 to the end.
        image[446 + 4] = 0x83;
        BitConverter.TryWriteBytes(image.AsSpan(446 + 8), 2048u);
        BitConverter.TryWriteBytes(image.AsSpan(446 + 12), (uint)(size / 512 - 2048));
        image[510] = 0x55;
        image[511] = 0xAA;
        return image;
    }
}
