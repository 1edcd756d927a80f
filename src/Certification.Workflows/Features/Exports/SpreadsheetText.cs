namespace Certification.Workflows.Features.Exports;

/// <summary>
/// Spreadsheet programs run a cell that starts with =, +, -, @, tab or carriage return as a formula. Exported text is
/// data from applicants (enterprise names, batch names), so such a cell is written with a leading apostrophe.
/// </summary>
public static class SpreadsheetText
{
    public static string Neutralise(string? text) =>
        string.IsNullOrEmpty(text) ? "" : text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
}
