using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Certification.Workflows.Features.Exports;

public enum ExportFormat { Csv, Xlsx }

/// <summary>
/// Writes rows of text to CSV (UTF-8 with BOM, for Excel) or XLSX as they come, so memory stays flat whatever the row
/// count. Every cell goes through <see cref="SpreadsheetText.Neutralise"/>: the rows carry applicants' data. XLSX needs a
/// seekable stream (a file); CSV streams anywhere. Returns the number of rows written.
/// </summary>
public static class SpreadsheetFile
{
    public static ExportFormat? ParseFormat(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "csv" => ExportFormat.Csv,
        "xlsx" => ExportFormat.Xlsx,
        _ => null,
    };

    public static string ContentType(ExportFormat format) =>
        format == ExportFormat.Xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv; charset=utf-8";

    public static Task<int> WriteAsync(ExportFormat format, IAsyncEnumerable<IReadOnlyList<string>> rows, string sheetName, Stream output,
        CancellationToken ct) =>
        format == ExportFormat.Xlsx ? WriteXlsxAsync(rows, sheetName, output, ct) : WriteCsvAsync(rows, output, ct);

    public static Task<int> WriteAsync(ExportFormat format, IEnumerable<IReadOnlyList<string>> rows, string sheetName, Stream output,
        CancellationToken ct) => WriteAsync(format, rows.ToAsyncEnumerable(), sheetName, output, ct);

    private static async IAsyncEnumerable<T> ToAsyncEnumerable<T>(this IEnumerable<T> items)
    {
        foreach (var item in items) yield return item;
        await Task.CompletedTask;
    }

    private static async Task<int> WriteCsvAsync(IAsyncEnumerable<IReadOnlyList<string>> rows, Stream output, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
        await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.None });
        var count = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            foreach (var cell in row) csv.WriteField(SpreadsheetText.Neutralise(cell));
            await csv.NextRecordAsync();
            count++;
        }
        await csv.FlushAsync();
        return count;
    }

    private static async Task<int> WriteXlsxAsync(IAsyncEnumerable<IReadOnlyList<string>> rows, string sheetName, Stream output, CancellationToken ct)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        var sheetPart = workbook.AddNewPart<WorksheetPart>();
        var count = 0;
        // The SAX-style writer emits rows as they come (the DOM would hold the whole sheet).
        using (var writer = OpenXmlWriter.Create(sheetPart))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            await foreach (var row in rows.WithCancellation(ct))
            {
                writer.WriteStartElement(new Row());
                foreach (var text in row)
                    writer.WriteElement(new Cell(new InlineString(new Text(SpreadsheetText.Neutralise(text)) { Space = SpaceProcessingModeValues.Preserve }))
                        { DataType = CellValues.InlineString });
                writer.WriteEndElement();
                count++;
            }
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        using (var writer = OpenXmlWriter.Create(workbook))
        {
            writer.WriteStartElement(new Workbook());
            writer.WriteStartElement(new Sheets());
            writer.WriteElement(new Sheet { Name = sheetName, SheetId = 1, Id = workbook.GetIdOfPart(sheetPart) });
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        return count;
    }
}
