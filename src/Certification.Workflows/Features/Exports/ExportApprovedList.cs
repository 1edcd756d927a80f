using System.Globalization;
using System.Text;
using Certification.Domain.Criteria;
using Certification.Workflows.Mediation;
using CsvHelper;
using CsvHelper.Configuration;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MediatR;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Exports;

public enum ExportFormat { Csv, Xlsx }

/// <summary>
/// Writes an approved list to a stream as CSV (UTF-8 with BOM, for Excel) or XLSX, row by row as they are read.
/// XLSX needs a seekable stream (a file); CSV streams anywhere. Returns the number of rows written.
/// </summary>
[AllowedCallers(Roles.Admin, Roles.Reviewer, Roles.Regulator)]
public sealed record ExportApprovedList(ApprovedListFilter Filter, ExportFormat Format, Stream Output) : IRequest<int>;

public sealed class ExportApprovedListValidator(CriteriaCatalog criteria) : IRequestValidator<ExportApprovedList>
{
    public IEnumerable<FieldError> Validate(ExportApprovedList request)
    {
        var f = request.Filter;
        if (f.Tier is { Length: > 0 } tier && criteria.Default.FindTier(tier) is null)
            yield return new FieldError("tier", $"未知的称号层级“{tier}”，可用：{string.Join("、", criteria.Default.Tiers.Select(t => t.Code))}");
        if (f.RegionPrefix is { Length: > 0 } region && (region.Length is not (2 or 4 or 6) || !region.All(char.IsAsciiDigit)))
            yield return new FieldError("region", "地区须为 2 位（省）、4 位（市）或 6 位（县）行政区划代码");
        if (f.Year is < 2000 or > 2100) yield return new FieldError("year", "年份须在 2000–2100 之间");
        if (f.Status is { Length: > 0 } status && !ApprovedList.Statuses.Contains(status))
            yield return new FieldError("status", $"状态须为 {string.Join("、", ApprovedList.Statuses)} 之一");
        if (request.Format == ExportFormat.Xlsx && !request.Output.CanSeek)
            yield return new FieldError("format", "XLSX 需要写入可定位的文件流");
    }
}

public sealed class ExportApprovedListHandler(ApprovedList list, CallerContext callers) : IRequestHandler<ExportApprovedList, int>
{
    public Task<int> Handle(ExportApprovedList request, CancellationToken ct)
    {
        // A regional account exports its own region (or a part of it), never beyond.
        var region = callers.Current.NarrowRegion(request.Filter.RegionPrefix)
                     ?? throw new ForbiddenException($"地区 {request.Filter.RegionPrefix} 超出本账号的地区范围（{callers.Current.RegionPrefix}）。");
        var filter = request.Filter with { RegionPrefix = region.Length == 0 ? null : region };
        return request.Format switch
        {
            ExportFormat.Csv => WriteCsvAsync(list.RowsAsync(filter, ct), request.Output, ct),
            _ => WriteXlsxAsync(list.RowsAsync(filter, ct), request.Output, ct),
        };
    }

    private static async Task<int> WriteCsvAsync(IAsyncEnumerable<ApprovedListRow> rows, Stream output, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 64 * 1024, leaveOpen: true);
        await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture) { InjectionOptions = InjectionOptions.None });
        foreach (var header in ApprovedList.Headers) csv.WriteField(header);
        await csv.NextRecordAsync();
        var count = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            foreach (var cell in Cells(row)) csv.WriteField(cell);
            await csv.NextRecordAsync();
            count++;
        }
        await csv.FlushAsync();
        return count;
    }

    private static async Task<int> WriteXlsxAsync(IAsyncEnumerable<ApprovedListRow> rows, Stream output, CancellationToken ct)
    {
        using var document = SpreadsheetDocument.Create(output, SpreadsheetDocumentType.Workbook);
        var workbook = document.AddWorkbookPart();
        var sheetPart = workbook.AddNewPart<WorksheetPart>();
        var count = 0;
        // The SAX-style writer emits rows as they come: memory stays flat whatever the row count.
        using (var writer = OpenXmlWriter.Create(sheetPart))
        {
            writer.WriteStartElement(new Worksheet());
            writer.WriteStartElement(new SheetData());
            WriteRow(writer, ApprovedList.Headers);
            await foreach (var row in rows.WithCancellation(ct))
            {
                WriteRow(writer, Cells(row));
                count++;
            }
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        using (var writer = OpenXmlWriter.Create(workbook))
        {
            writer.WriteStartElement(new Workbook());
            writer.WriteStartElement(new Sheets());
            writer.WriteElement(new Sheet { Name = "认定名单", SheetId = 1, Id = workbook.GetIdOfPart(sheetPart) });
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        return count;
    }

    private static void WriteRow(OpenXmlWriter writer, IEnumerable<string> cells)
    {
        writer.WriteStartElement(new Row());
        foreach (var text in cells)
            writer.WriteElement(new Cell(new InlineString(new Text(text) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString });
        writer.WriteEndElement();
    }

    private static IEnumerable<string> Cells(ApprovedListRow row) =>
    [
        SpreadsheetText.Neutralise(row.CreditCode), SpreadsheetText.Neutralise(row.EnterpriseName), SpreadsheetText.Neutralise(row.Region),
        SpreadsheetText.Neutralise(row.Title), SpreadsheetText.Neutralise(row.Batch),
        row.IssuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), row.ValidUntil.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        SpreadsheetText.Neutralise(row.Status),
    ];
}
