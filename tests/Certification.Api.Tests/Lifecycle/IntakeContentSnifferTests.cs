using Certification.Domain.Documents;

namespace Certification.Api.Tests.Lifecycle;

/// <summary>The sniffer on its own: types come from the bytes; containers are inspected safely.</summary>
public sealed class IntakeContentSnifferTests
{
    [Fact]
    public void Known_types_are_recognised_by_their_content()
    {
        ContentSniffer.Sniff(IntakeApi.MinimalPdf()).Type.Should().Be(DocumentTypes.Pdf);
        ContentSniffer.Sniff(IntakeApi.MinimalPng()).Type.Should().Be(DocumentTypes.Png);
        ContentSniffer.Sniff([0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F']).Type.Should().Be(DocumentTypes.Jpeg);
        ContentSniffer.Sniff(IntakeApi.OfficePackage("word/document.xml")).Type.Should().Be(DocumentTypes.Docx);
        ContentSniffer.Sniff(IntakeApi.OfficePackage("xl/workbook.xml")).Type.Should().Be(DocumentTypes.Xlsx);
        ContentSniffer.Sniff(IntakeApi.OfficePackage("ppt/presentation.xml")).Type.Should().Be(DocumentTypes.Pptx);
        ContentSniffer.Sniff(IntakeApi.CompoundFile("WordDocument", "1Table")).Type.Should().Be(DocumentTypes.Doc);
        ContentSniffer.Sniff(IntakeApi.CompoundFile("Workbook")).Type.Should().Be(DocumentTypes.Xls);
    }

    [Fact]
    public void Everything_else_is_refused_with_a_reason()
    {
        byte[][] refused =
        [
            [],
            IntakeApi.FakeExe(),
            "GIF89a"u8.ToArray(),
            "%!PS-Adobe"u8.ToArray(),
            [0x50, 0x4B, 0x03, 0x04, 1, 2, 3], // a broken zip
            IntakeApi.OfficePackage("word/document.xml", withContentTypes: false),
            IntakeApi.OfficePackage("word/document.xml", withMacros: true),
            IntakeApi.CompoundFile("PowerPoint Document"),
            IntakeApi.CompoundFile("EncryptedPackage", "EncryptionInfo"),
            IntakeApi.CompoundFile("WordDocument", "Macros"),
            IntakeApi.CompoundFile("WordDocument")[..600], // header and part of the FAT only
        ];
        foreach (var content in refused)
        {
            var result = ContentSniffer.Sniff(content);
            result.Type.Should().BeNull();
            result.Refusal.Should().NotBeNullOrWhiteSpace();
        }
    }

    [Fact]
    public void A_compound_file_whose_directory_chain_loops_is_refused_not_followed_forever()
    {
        var looping = IntakeApi.CompoundFile("WordDocument");
        BitConverter.GetBytes(1u).CopyTo(looping, 512 + 4); // FAT: sector 1 → sector 1

        ContentSniffer.Sniff(looping).Type.Should().BeNull();
    }
}
