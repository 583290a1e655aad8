using System.Text;
using System.Text.RegularExpressions;

namespace Ironic.Drivers.Pxe;

/// <summary>
/// The built-in boot configurations, with the entries and labels of Ironic's templates so an operator
/// who knows those reads these: PXELINUX (BIOS), GRUB (UEFI over TFTP), the per-node iPXE script and
/// the shared <c>boot.ipxe</c> that chains to it by MAC address.
/// </summary>
internal static partial class BootTemplates
{
    /// <summary>PXELINUX configuration (Ironic's <c>pxe_config.template</c>).</summary>
    public static string Pxelinux(BootConfigOptions o)
    {
        var b = new StringBuilder();
        Line(b, $"default {o.Default}");
        b.Append('\n');
        Line(b, "label deploy");
        Line(b, $"kernel {o.DeployKernel}");
        Line(b, $"append initrd={o.DeployRamdisk} selinux=0 troubleshoot=0 text {o.AppendParams}");
        Line(b, "ipappend 2");
        b.Append('\n');
        Line(b, "label boot_whole_disk");
        Line(b, "COM32 chain.c32");
        Line(b, "append mbr:{{ DISK_IDENTIFIER }}");
        b.Append('\n');
        Line(b, "label boot_ramdisk");
        if (o.BootIso is { } iso)
        {
            // memdisk loads the whole ISO into memory and boots it (syslinux).
            Line(b, "kernel memdisk");
            Line(b, $"append initrd={iso} iso raw");
        }
        else
        {
            Line(b, $"kernel {o.Kernel}");
            Line(b, $"append initrd={o.Ramdisk} root=/dev/ram0 text {o.AppendParams} {o.RamdiskOpts}");
        }

        return b.ToString();
    }

    /// <summary>GRUB configuration for UEFI nodes booting over TFTP (Ironic's <c>pxe_grub_config.template</c>).</summary>
    public static string Grub(BootConfigOptions o)
    {
        var b = new StringBuilder();
        Line(b, $"set default={o.Default}");
        Line(b, "set timeout=5");
        Line(b, "set hidden_timeout_quiet=false");
        b.Append('\n');
        Line(b, "menuentry \"deploy\" {");
        Line(b, $"    linuxefi {o.DeployKernel} selinux=0 troubleshoot=0 text {o.AppendParams} boot_server={o.TftpServer}");
        Line(b, $"    initrdefi {o.DeployRamdisk}");
        Line(b, "}");
        b.Append('\n');
        Line(b, "menuentry \"boot_ramdisk\" {");
        Line(b, $"    linuxefi {o.Kernel} root=/dev/ram0 text {o.AppendParams} {o.RamdiskOpts}");
        Line(b, $"    initrdefi {o.Ramdisk}");
        Line(b, "}");
        b.Append('\n');
        Line(b, "menuentry \"boot_whole_disk\" {");
        Line(b, "    linuxefi chain.c32 mbr:(( DISK_IDENTIFIER ))");
        Line(b, "}");
        return b.ToString();
    }

    /// <summary>The per-node iPXE script (Ironic's <c>ipxe_config.template</c>); <c>goto</c> picks the entry.</summary>
    public static string Ipxe(BootConfigOptions o)
    {
        var timeout = o.IpxeTimeoutMs > 0 ? $"--timeout {o.IpxeTimeoutMs} " : "";
        var b = new StringBuilder();
        Line(b, "#!ipxe");
        b.Append('\n');
        Line(b, "set attempts:int32 10");
        Line(b, "set i:int32 0");
        b.Append('\n');
        Line(b, $"goto {o.Default}");
        b.Append('\n');
        Line(b, ":deploy");
        Line(b, "imgfree");
        Line(b, $"kernel {timeout}{o.DeployKernel} selinux=0 troubleshoot=0 text {o.AppendParams} BOOTIF=${{mac}} initrd={o.InitrdFilename} || goto retry");
        b.Append('\n');
        Line(b, $"initrd {timeout}{o.DeployRamdisk} || goto retry");
        Line(b, "boot");
        b.Append('\n');
        Line(b, ":retry");
        Line(b, "iseq ${i} ${attempts} && goto fail ||");
        Line(b, "inc i");
        Line(b, "echo No response, retrying in ${i} seconds.");
        Line(b, "sleep ${i}");
        Line(b, "goto deploy");
        b.Append('\n');
        Line(b, ":fail");
        Line(b, "echo Failed to get a response after ${attempts} attempts");
        Line(b, "echo Powering off in 30 seconds.");
        Line(b, "sleep 30");
        Line(b, "poweroff");
        b.Append('\n');
        Line(b, ":boot_ramdisk");
        Line(b, "imgfree");
        if (o.BootIso is { } iso)
        {
            Line(b, $"sanboot {iso}");
        }
        else
        {
            Line(b, $"kernel {timeout}{o.Kernel} root=/dev/ram0 text {o.AppendParams} {o.RamdiskOpts} initrd=ramdisk || goto boot_ramdisk");
            Line(b, $"initrd {timeout}{o.Ramdisk} || goto boot_ramdisk");
            Line(b, "boot");
        }

        b.Append('\n');
        Line(b, ":boot_whole_disk");
        Line(b, "sanboot --no-describe || exit 0");
        return b.ToString();
    }

    /// <summary>
    /// The shared entry script (<c>boot.ipxe</c> under the HTTP root, what DHCP hands iPXE): tries each
    /// NIC's MAC in turn, chaining to <c>&lt;subdir&gt;/&lt;mac with dashes&gt;</c> relative to itself.
    /// </summary>
    public static string IpxeBootScript(string configSubdir)
    {
        var mac = configSubdir + "/";
        return $$"""
            #!ipxe

            # Try every network device in turn and chain to the configuration written for its MAC
            # address; a NIC without one moves on to the next.
            set netid:int32 -1
            :loop
            inc netid || chain {{mac}}${mac:hexhyp} || goto old_rom
            isset ${net${netid}/mac} || goto loop_done
            echo Attempting to boot from MAC ${net${netid}/mac:hexhyp}
            chain {{mac}}${net${netid}/mac:hexhyp} || goto loop

            # A chained configuration returned: its local-disk boot failed (some UEFI firmware);
            # exit so the firmware tries its next boot device.
            echo Exiting pxe config to allow boot to continue on next device
            exit 0

            :loop_done
            echo PXE boot failed! No configuration found for any of the present NICs.
            echo Press any key to reboot...
            prompt --timeout 180
            reboot

            :old_rom
            echo PXE boot failed! No configuration found for NIC ${mac:hexhyp}.
            echo Please update your iPXE ROM and retry.
            echo Press any key to reboot...
            prompt --timeout 180
            reboot

            """;
    }

    // Empty options leave neither double nor trailing blanks; indentation stays.
    private static void Line(StringBuilder b, string line) =>
        b.Append(Blanks().Replace(line.TrimEnd(), " ")).Append('\n');

    [GeneratedRegex(@"(?<=\S) {2,}")]
    private static partial Regex Blanks();
}
