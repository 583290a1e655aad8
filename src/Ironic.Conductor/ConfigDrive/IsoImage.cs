using System.Buffers.Binary;
using System.Globalization;
using System.Text;

namespace Ironic.Conductor.ConfigDrive;

/// <summary>
/// Writes a small ISO 9660 image in memory, as <c>genisoimage -J -r -l -allow-lowercase -allow-multidot</c>
/// would for a config drive: ISO 9660 names for the oldest readers, Rock Ridge (what Linux and so cloud-init
/// use) and Joliet (what Windows and cloudbase-init use) for the real, long lower-case names.
/// Built here rather than by a tool so the conductor needs nothing installed and nothing on disk.
/// </summary>
internal static class IsoImage
{
    private const int Sector = 2048;
    private const int FirstVolumeDescriptor = 16;

    // Rock Ridge's registered extension (RRIP 1.10), announced by the ER entry of the root directory.
    private const string RripId = "RRIP_1991A";
    private const string RripDescriptor = "THE ROCK RIDGE INTERCHANGE PROTOCOL PROVIDES SUPPORT FOR POSIX FILE SYSTEM SEMANTICS";
    private const string RripSource = "PLEASE CONTACT DISC PUBLISHER FOR SPECIFICATION SOURCE.  SEE PUBLISHER IDENTIFIER IN PRIMARY VOLUME DESCRIPTOR FOR CONTACT INFORMATION.";

    /// <summary>
    /// The image holding <paramref name="files"/> (paths relative to the root, <c>/</c>-separated, made of
    /// letters, digits, <c>.</c>, <c>_</c> and <c>-</c>: names are the image's own, never taken as host paths).
    /// </summary>
    public static byte[] Build(string volumeId, IEnumerable<KeyValuePair<string, byte[]>> files, DateTimeOffset time)
    {
        var root = new Dir("", null);
        foreach (var (path, content) in files)
        {
            Add(root, path, content);
        }

        var dirs = BreadthFirst(root);
        var layout = new Layout(dirs, time.ToUniversalTime());
        return layout.Write(volumeId);
    }

    private static void Add(Dir root, string path, byte[] content)
    {
        var parts = path.Split('/');
        if (parts.Any(p => p.Length is 0 or > 30 || p is "." or ".." || p.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('.' or '_' or '-'))))
        {
            throw new ArgumentException($"Unsupported path in an ISO image: {path}", nameof(path));
        }

        var dir = root;
        foreach (var name in parts[..^1])
        {
            var next = dir.Entries.OfType<Dir>().FirstOrDefault(d => d.Name == name);
            if (next is null)
            {
                next = new Dir(name, dir);
                dir.Entries.Add(next);
            }

            dir = next;
        }

        if (dir.Entries.Any(e => e.Name == parts[^1]))
        {
            throw new ArgumentException($"Duplicate path in an ISO image: {path}", nameof(path));
        }

        dir.Entries.Add(new FileEntry(parts[^1], dir, content));
    }

    /// <summary>Directories in path table order: by level, then by parent, then by name.</summary>
    private static List<Dir> BreadthFirst(Dir root)
    {
        var order = new List<Dir> { root };
        for (var i = 0; i < order.Count; i++)
        {
            order[i].Number = i + 1;
            order[i].Entries.Sort((a, b) => string.CompareOrdinal(a.IsoName, b.IsoName));
            order.AddRange(order[i].Entries.OfType<Dir>());
        }

        return order;
    }

    private abstract class Entry(string name, Dir? parent)
    {
        public string Name { get; } = name;

        public Dir? Parent { get; } = parent;

        /// <summary>The ISO 9660 identifier: relaxed (lower case, long, several dots) as genisoimage -l writes it.</summary>
        public abstract string IsoName { get; }

        public abstract string JolietName { get; }

        protected static string Relaxed(string name) => name.Replace('-', '_');
    }

    private sealed class Dir(string name, Dir? parent) : Entry(name, parent)
    {
        public List<Entry> Entries { get; } = [];

        public int Number { get; set; }

        public int[] Location { get; } = new int[2];

        public int[] Size { get; } = new int[2];

        public override string IsoName => Relaxed(Name);

        public override string JolietName => Name;
    }

    private sealed class FileEntry(string name, Dir parent, byte[] content) : Entry(name, parent)
    {
        public byte[] Content { get; } = content;

        public int Location { get; set; }

        public override string IsoName => Relaxed(Name) + (Name.Contains('.', StringComparison.Ordinal) ? "" : ".") + ";1";

        public override string JolietName => Name + ";1";
    }

    /// <summary>Where everything goes (two passes: sizes first, then the records with their locations).</summary>
    private sealed class Layout
    {
        private const int Primary = 0;
        private const int Joliet = 1;

        private readonly List<Dir> dirs;
        private readonly DateTimeOffset time;
        private readonly int pathTableSize;
        private readonly int jolietPathTableSize;
        private readonly int[] pathTables = new int[4];
        private readonly int continuationArea;
        private readonly int totalSectors;

        public Layout(List<Dir> dirs, DateTimeOffset time)
        {
            this.dirs = dirs;
            this.time = time;
            pathTableSize = PathTable(Primary, bigEndian: false).Length;
            jolietPathTableSize = PathTable(Joliet, bigEndian: false).Length;
            var next = FirstVolumeDescriptor + 3; // primary, Joliet, terminator
            for (var i = 0; i < 4; i++)
            {
                pathTables[i] = next;
                next += Sectors(i < 2 ? pathTableSize : jolietPathTableSize);
            }

            continuationArea = next++;
            foreach (var tree in new[] { Primary, Joliet })
            {
                foreach (var dir in dirs)
                {
                    dir.Size[tree] = Pack(Records(dir, tree)).Length;
                    dir.Location[tree] = next;
                    next += Sectors(dir.Size[tree]);
                }
            }

            foreach (var file in dirs.SelectMany(d => d.Entries).OfType<FileEntry>())
            {
                file.Location = next;
                next += Sectors(file.Content.Length);
            }

            totalSectors = next;
        }

        public byte[] Write(string volumeId)
        {
            var image = new byte[totalSectors * Sector];
            VolumeDescriptor(image.AsSpan(FirstVolumeDescriptor * Sector, Sector), Primary, volumeId);
            VolumeDescriptor(image.AsSpan((FirstVolumeDescriptor + 1) * Sector, Sector), Joliet, volumeId);
            var terminator = image.AsSpan((FirstVolumeDescriptor + 2) * Sector);
            terminator[0] = 255;
            Encoding.ASCII.GetBytes("CD001", terminator[1..]);
            terminator[6] = 1;

            PathTable(Primary, false).CopyTo(image, pathTables[0] * Sector);
            PathTable(Primary, true).CopyTo(image, pathTables[1] * Sector);
            PathTable(Joliet, false).CopyTo(image, pathTables[2] * Sector);
            PathTable(Joliet, true).CopyTo(image, pathTables[3] * Sector);
            ExtensionReference().CopyTo(image, continuationArea * Sector);
            foreach (var tree in new[] { Primary, Joliet })
            {
                foreach (var dir in dirs)
                {
                    Pack(Records(dir, tree)).CopyTo(image, dir.Location[tree] * Sector);
                }
            }

            foreach (var file in dirs.SelectMany(d => d.Entries).OfType<FileEntry>())
            {
                file.Content.CopyTo(image, file.Location * Sector);
            }

            return image;
        }

        private static int Sectors(int bytes) => (bytes + Sector - 1) / Sector;

        /// <summary>Directory records laid into sectors: a record never crosses a sector boundary.</summary>
        private static byte[] Pack(List<byte[]> records)
        {
            var data = new List<byte>();
            foreach (var record in records)
            {
                if (data.Count / Sector != (data.Count + record.Length - 1) / Sector)
                {
                    data.AddRange(new byte[Sector - (data.Count % Sector)]);
                }

                data.AddRange(record);
            }

            data.AddRange(new byte[(Sector - (data.Count % Sector)) % Sector]);
            return [.. data];
        }

        private List<byte[]> Records(Dir dir, int tree)
        {
            var rockRidge = tree == Primary;
            var parent = dir.Parent ?? dir;
            var records = new List<byte[]>
            {
                Record([0], dir.Location[tree], dir.Size[tree], true,
                    rockRidge ? [.. (dir.Parent is null ? SharingProtocol() : []), .. Posix(dir), .. (dir.Parent is null ? Continuation() : [])] : []),
                Record([1], parent.Location[tree], parent.Size[tree], true, rockRidge ? Posix(parent) : []),
            };
            foreach (var entry in dir.Entries)
            {
                var id = rockRidge ? Encoding.ASCII.GetBytes(entry.IsoName) : Encoding.BigEndianUnicode.GetBytes(entry.JolietName);
                var (location, size) = entry is Dir d ? (d.Location[tree], d.Size[tree]) : (((FileEntry)entry).Location, ((FileEntry)entry).Content.Length);
                records.Add(Record(id, location, size, entry is Dir, rockRidge ? [.. Posix(entry), .. AlternateName(entry.Name)] : []));
            }

            return records;
        }

        private byte[] Record(byte[] id, int location, int size, bool directory, byte[] systemUse)
        {
            var length = 33 + id.Length + (id.Length % 2 == 0 ? 1 : 0) + systemUse.Length;
            length += length % 2;
            var r = new byte[length];
            r[0] = (byte)length;
            Both32(r.AsSpan(2), location);
            Both32(r.AsSpan(10), size);
            RecordingDate(r.AsSpan(18));
            r[25] = directory ? (byte)2 : (byte)0;
            Both16(r.AsSpan(28), 1);
            r[32] = (byte)id.Length;
            id.CopyTo(r, 33);
            systemUse.CopyTo(r, 33 + id.Length + (id.Length % 2 == 0 ? 1 : 0));
            return r;
        }

        /// <summary>SUSP "SP": marks the root as carrying System Use entries (none skipped).</summary>
        private static byte[] SharingProtocol() => [(byte)'S', (byte)'P', 7, 1, 0xBE, 0xEF, 0];

        /// <summary>SUSP "CE": the rest of the root's entries (the ER) is in the continuation area.</summary>
        private byte[] Continuation()
        {
            var ce = new byte[28];
            ce[0] = (byte)'C'; ce[1] = (byte)'E'; ce[2] = 28; ce[3] = 1;
            Both32(ce.AsSpan(4), continuationArea);
            Both32(ce.AsSpan(12), 0);
            Both32(ce.AsSpan(20), ExtensionReference().Length);
            return ce;
        }

        /// <summary>SUSP "ER": names Rock Ridge; Linux reads Rock Ridge names only from images that announce it.</summary>
        private static byte[] ExtensionReference()
        {
            byte[] id = Encoding.ASCII.GetBytes(RripId), des = Encoding.ASCII.GetBytes(RripDescriptor), src = Encoding.ASCII.GetBytes(RripSource);
            return [(byte)'E', (byte)'R', (byte)(8 + id.Length + des.Length + src.Length), 1, (byte)id.Length, (byte)des.Length, (byte)src.Length, 1, .. id, .. des, .. src];
        }

        /// <summary>RRIP "PX": read-only for everyone, as genisoimage -r makes it.</summary>
        private static byte[] Posix(Entry entry)
        {
            var px = new byte[36];
            px[0] = (byte)'P'; px[1] = (byte)'X'; px[2] = 36; px[3] = 1;
            var dir = entry as Dir;
            Both32(px.AsSpan(4), dir is null ? 0x8124 /* 0100444 */ : 0x416D /* 040555 */);
            Both32(px.AsSpan(12), dir is null ? 1 : 2 + dir.Entries.OfType<Dir>().Count());
            return px; // owner and group 0
        }

        /// <summary>RRIP "NM": the real name.</summary>
        private static byte[] AlternateName(string name) => [(byte)'N', (byte)'M', (byte)(5 + name.Length), 1, 0, .. Encoding.ASCII.GetBytes(name)];

        private byte[] PathTable(int tree, bool bigEndian)
        {
            var table = new List<byte>();
            foreach (var dir in dirs)
            {
                byte[] id = dir.Parent is null ? [0]
                    : tree == Primary ? Encoding.ASCII.GetBytes(dir.IsoName) : Encoding.BigEndianUnicode.GetBytes(dir.JolietName);
                var record = new byte[8 + id.Length + (id.Length % 2)];
                record[0] = (byte)id.Length;
                var parent = (ushort)(dir.Parent?.Number ?? 1);
                if (bigEndian)
                {
                    BinaryPrimitives.WriteInt32BigEndian(record.AsSpan(2), dir.Location[tree]);
                    BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(6), parent);
                }
                else
                {
                    BinaryPrimitives.WriteInt32LittleEndian(record.AsSpan(2), dir.Location[tree]);
                    BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan(6), parent);
                }

                id.CopyTo(record, 8);
                table.AddRange(record);
            }

            return [.. table];
        }

        private void VolumeDescriptor(Span<byte> d, int tree, string volumeId)
        {
            var joliet = tree == Joliet;
            d[0] = joliet ? (byte)2 : (byte)1;
            Encoding.ASCII.GetBytes("CD001", d[1..]);
            d[6] = 1;
            Text(d.Slice(8, 32), "LINUX", joliet);
            Text(d.Slice(40, 32), volumeId, joliet);
            Both32(d[80..], totalSectors);
            if (joliet)
            {
                Encoding.ASCII.GetBytes("%/E", d[88..]); // UCS-2 level 3
            }

            Both16(d[120..], 1);
            Both16(d[124..], 1);
            Both16(d[128..], Sector);
            var size = joliet ? jolietPathTableSize : pathTableSize;
            Both32(d[132..], size);
            BinaryPrimitives.WriteInt32LittleEndian(d[140..], pathTables[joliet ? 2 : 0]);
            BinaryPrimitives.WriteInt32BigEndian(d[148..], pathTables[joliet ? 3 : 1]);
            Record([0], dirs[0].Location[tree], dirs[0].Size[tree], true, []).CopyTo(d[156..]);
            Text(d.Slice(190, 128), "", joliet); // volume set
            Text(d.Slice(318, 128), "", joliet); // publisher
            Text(d.Slice(446, 128), "", joliet); // data preparer
            Text(d.Slice(574, 128), "", joliet); // application
            Text(d.Slice(702, 37), "", joliet); // copyright file
            Text(d.Slice(739, 37), "", joliet); // abstract file
            Text(d.Slice(776, 37), "", joliet); // bibliographic file
            var stamp = time.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "00";
            Encoding.ASCII.GetBytes(stamp, d[813..]); // created
            Encoding.ASCII.GetBytes(stamp, d[830..]); // modified
            Encoding.ASCII.GetBytes(new string('0', 16), d[847..]); // never expires
            Encoding.ASCII.GetBytes(stamp, d[864..]); // effective
            d[881] = 1;
        }

        /// <summary>A fixed-width text field: ASCII padded with spaces, or for Joliet UCS-2 padded with UCS-2 spaces.</summary>
        private static void Text(Span<byte> field, string value, bool joliet)
        {
            if (joliet)
            {
                for (var i = 0; i + 1 < field.Length; i += 2)
                {
                    BinaryPrimitives.WriteUInt16BigEndian(field[i..], i / 2 < value.Length ? value[i / 2] : ' ');
                }

                if (field.Length % 2 == 1)
                {
                    field[^1] = 0;
                }
            }
            else
            {
                field.Fill((byte)' ');
                Encoding.ASCII.GetBytes(value.AsSpan(0, Math.Min(value.Length, field.Length)), field);
            }
        }

        private void RecordingDate(Span<byte> d)
        {
            d[0] = (byte)(time.Year - 1900);
            d[1] = (byte)time.Month;
            d[2] = (byte)time.Day;
            d[3] = (byte)time.Hour;
            d[4] = (byte)time.Minute;
            d[5] = (byte)time.Second;
            d[6] = 0; // GMT
        }

        private static void Both16(Span<byte> d, int value)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(d, (ushort)value);
            BinaryPrimitives.WriteUInt16BigEndian(d[2..], (ushort)value);
        }

        private static void Both32(Span<byte> d, int value)
        {
            BinaryPrimitives.WriteInt32LittleEndian(d, value);
            BinaryPrimitives.WriteInt32BigEndian(d[4..], value);
        }
    }
}
