using Certification.Domain.Regions;
using Certification.Domain.Time;

namespace Certification.Api.Web;

/// <summary>How pages write regions, times and numbers: Beijing time, Chinese region names.</summary>
public static class Display
{
    public static string Region(string? code) => string.IsNullOrEmpty(code) ? "全国" : Provinces.Describe(code);

    public static string Time(DateTimeOffset? at) => at is { } t ? t.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm") : "—";

    public static string Time(DateTime? utc) => utc is { } t ? Time(new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc))) : "—";

    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd") ?? "—";

    public static string Number(decimal? value) => value?.ToString("0.##") ?? "—";

    public static string Tier(string tier) => tier switch
    {
        "innovative" => "创新型中小企业",
        "specialized" => "专精特新中小企业",
        "little-giant" => "专精特新“小巨人”企业",
        _ => tier,
    };
}
