using System.IO.Compression;
using System.Text;

namespace Certification.Domain.Documents;

/// <summary>A file type the platform accepts, known by its content, never by its name.</summary>
public sealed record DocumentType(string Code, string ContentType, string Label, IReadOnlyList<string> Extensions);

public static class DocumentTypes
{
    public static readonly DocumentType Pdf = new("pdf", "application/pdf", "PDF 文档", [".pdf"]);
    public static readonly DocumentType Png = new("png", "image/png", "PNG 图片", [".png"]);
    public static readonly DocumentType Jpeg = new("jpeg", "image/jpeg", "JPEG 图片", [".jpg", ".jpeg"]);
    public static readonly DocumentType Docx = new("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word 文档", [".docx"]);
    public static readonly DocumentType Xlsx = new("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel 表格", [".xlsx"]);
    public static readonly DocumentType Pptx = new("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "PowerPoint 演示文稿", [".pptx"]);
    public static readonly DocumentType Doc = new("doc", "application/msword", "Word 97-2003 文档", [".doc"]);
    public static readonly DocumentType Xls = new("xls", "application/vnd.ms-excel", "Excel 97-2003 表格", [".xls"]);

    public static IReadOnlyList<DocumentType> All { get; } = [Pdf, Png, Jpeg, Docx, Xlsx, Pptx, Doc, Xls];

    /// <summary>For messages: "PDF、PNG、JPEG、Word（docx/doc）…".</summary>
    public const string AcceptedText = "PDF、PNG/JPEG 图片、Word（.docx/.doc）、Excel（.xlsx/.xls）、PowerPoint（.pptx）";
}

/// <summary>What the sniffer found: the type, or why the content is refused (Chinese, for the uploader).</summary>
public sealed record SniffResult(DocumentType? Type, string? Refusal)
{
    public static SniffResult Accept(DocumentType type) => new(type, null);
    public static SniffResult Refuse(string reason) => new(null, reason);
}

/// <summary>
/// Identifies an uploaded file by its bytes (magic numbers and container structure): %PDF, PNG, JPEG, OOXML
/// packages (docx/xlsx/pptx, which are ZIP files) and OLE compound files (doc/xls). Anything else (executables,
/// archives, scripts, HTML …) is refused whatever its name says. Macro-carrying and encrypted Office files are refused
/// too, since reviewers must be able to open them safely. Containers are only inspected, never extracted.
/// </summary>
public static class ContentSniffer
{
    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] OleMagic = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] ElfMagic = [0x7F, 0x45, 0x4C, 0x46];
    private static readonly byte[] SevenZipMagic = [0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C];
    private static readonly byte[] GzipMagic = [0x1F, 0x8B];

    public static SniffResult Sniff(byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0) return SniffResult.Refuse("文件为空");
        var span = content.AsSpan();
        if (span.StartsWith(PdfMagic)) return SniffResult.Accept(DocumentTypes.Pdf);
        if (span.StartsWith(PngMagic)) return SniffResult.Accept(DocumentTypes.Png);
        if (span.StartsWith(JpegMagic)) return SniffResult.Accept(DocumentTypes.Jpeg);
        if (span.StartsWith(ZipMagic)) return SniffOfficeOpenXml(content);
        if (span.StartsWith(OleMagic)) return SniffCompoundFile(content);
        return SniffResult.Refuse($"文件内容不是可接受的类型（{Describe(span)}）。只接受 {DocumentTypes.AcceptedText}");
    }

    /// <summary>A name for common refused contents, so the uploader understands what was detected.</summary>
    private static string Describe(ReadOnlySpan<byte> span) =>
        span.StartsWith("MZ"u8) ? "Windows 可执行程序"
        : span.StartsWith(ElfMagic) ? "ELF 可执行程序"
        : span.StartsWith("Rar!"u8) ? "RAR 压缩包"
        : span.StartsWith(SevenZipMagic) ? "7z 压缩包"
        : span.StartsWith(GzipMagic) ? "gzip 压缩包"
        : span.StartsWith("GIF8"u8) ? "GIF 图片"
        : "无法识别的内容";

    private static SniffResult SniffOfficeOpenXml(byte[] content)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var entry in zip.Entries)
            {
                names.Add(entry.FullName);
                if (names.Count > 10_000) return SniffResult.Refuse("压缩包条目过多，不是有效的 Office 文档");
            }
            if (!names.Contains("[Content_Types].xml"))
                return SniffResult.Refuse("文件是 ZIP 压缩包而不是 Office 文档。只接受 " + DocumentTypes.AcceptedText);
            if (names.Any(n => n.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)))
                return SniffResult.Refuse("文档含有宏，不予接受；请另存为不含宏的文档（.docx/.xlsx/.pptx）后上传");
            if (names.Contains("word/document.xml")) return SniffResult.Accept(DocumentTypes.Docx);
            if (names.Contains("xl/workbook.xml")) return SniffResult.Accept(DocumentTypes.Xlsx);
            if (names.Contains("ppt/presentation.xml")) return SniffResult.Accept(DocumentTypes.Pptx);
            return SniffResult.Refuse("文件是未知类型的 Office Open XML 包。只接受 " + DocumentTypes.AcceptedText);
        }
        catch (InvalidDataException)
        {
            return SniffResult.Refuse("文件以 ZIP 开头但已损坏，无法识别为 Office 文档");
        }
    }

    private static SniffResult SniffCompoundFile(byte[] content)
    {
        var entries = CompoundFile.EntryNames(content);
        if (entries is null) return SniffResult.Refuse("文件以 OLE 复合文档开头但结构已损坏，无法识别为 Word/Excel 文档");
        var names = new HashSet<string>(entries, StringComparer.OrdinalIgnoreCase);
        if (names.Contains("EncryptedPackage") || names.Contains("EncryptionInfo"))
            return SniffResult.Refuse("文档已加密，评审人员无法打开；请取消密码后上传");
        if (names.Contains("Macros") || names.Contains("_VBA_PROJECT_CUR") || names.Contains("_VBA_PROJECT"))
            return SniffResult.Refuse("文档含有宏，不予接受；请另存为不含宏的文档后上传");
        if (names.Contains("WordDocument")) return SniffResult.Accept(DocumentTypes.Doc);
        if (names.Contains("Workbook") || names.Contains("Book")) return SniffResult.Accept(DocumentTypes.Xls);
        return SniffResult.Refuse("文件是 OLE 复合文档，但不是 Word 或 Excel 文档（例如 PowerPoint 97-2003、安装包或邮件）。只接受 " + DocumentTypes.AcceptedText);
    }

    /// <summary>
    /// Just enough of the Compound File Binary format ([MS-CFB]) to list the names in the directory: header, DIFAT,
    /// FAT and the directory chain, every read bounds-checked and every chain bounded. Null for a broken file.
    /// </summary>
    private static class CompoundFile
    {
        private const uint EndOfChain = 0xFFFFFFFE;
        private const uint MaxRegularSector = 0xFFFFFFFA;

        public static List<string>? EntryNames(byte[] data)
        {
            if (data.Length < 512) return null;
            var shift = BitConverter.ToUInt16(data, 0x1E);
            if (shift is not (9 or 12)) return null;
            var sectorSize = 1 << shift;
            var perSector = sectorSize / 4;
            if (data.Length < sectorSize * 2) return null;
            // Every chain is bounded by the number of sectors in the file, so a looping chain cannot hang the sniffer.
            var sectorCount = data.Length / sectorSize;

            // The FAT sectors are listed by the DIFAT: 109 entries in the header, then a chain of DIFAT sectors.
            var fatSectorCount = BitConverter.ToUInt32(data, 0x2C);
            if (fatSectorCount > (uint)sectorCount) return null;
            var fatSectors = new List<uint>();
            for (var i = 0; i < 109 && fatSectors.Count < fatSectorCount; i++)
                fatSectors.Add(BitConverter.ToUInt32(data, 0x4C + i * 4));
            var difat = BitConverter.ToUInt32(data, 0x44);
            for (var hops = 0; fatSectors.Count < fatSectorCount; hops++)
            {
                if (difat > MaxRegularSector || hops > sectorCount) return null;
                var offset = Offset(difat, sectorSize, data.Length);
                if (offset < 0) return null;
                for (var i = 0; i < perSector - 1 && fatSectors.Count < fatSectorCount; i++)
                    fatSectors.Add(BitConverter.ToUInt32(data, offset + i * 4));
                difat = BitConverter.ToUInt32(data, offset + (perSector - 1) * 4);
            }

            uint Next(uint sector)
            {
                var index = (int)(sector / (uint)perSector);
                if (index >= fatSectors.Count) return uint.MaxValue;
                var offset = Offset(fatSectors[index], sectorSize, data.Length);
                return offset < 0 ? uint.MaxValue : BitConverter.ToUInt32(data, offset + (int)(sector % (uint)perSector) * 4);
            }

            var names = new List<string>();
            var current = BitConverter.ToUInt32(data, 0x30);
            for (var hops = 0; current != EndOfChain; hops++)
            {
                if (current > MaxRegularSector || hops > sectorCount) return null;
                var offset = Offset(current, sectorSize, data.Length);
                if (offset < 0) return null;
                for (var entry = 0; entry < sectorSize / 128; entry++)
                {
                    var at = offset + entry * 128;
                    var type = data[at + 0x42];
                    if (type is not (1 or 2 or 5)) continue; // unused slot
                    var length = BitConverter.ToUInt16(data, at + 0x40);
                    if (length is < 2 or > 64 || length % 2 != 0) return null;
                    names.Add(Encoding.Unicode.GetString(data, at, length - 2));
                }
                current = Next(current);
            }
            return names;
        }

        /// <summary>Byte offset of a sector (the header occupies the first sector's worth), or -1 when it lies outside the file.</summary>
        private static int Offset(uint sector, int sectorSize, int length)
        {
            var offset = ((long)sector + 1) * sectorSize;
            return offset + sectorSize <= length ? (int)offset : -1;
        }
    }
}
