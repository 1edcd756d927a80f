using Certification.Domain.Applications;

namespace Certification.Api.Web;

/// <summary>The colour class of an application status tag.</summary>
public static class StatusTag
{
    public static string Of(string status) => status switch
    {
        ApplicationStatus.Certified => "ok",
        ApplicationStatus.Rejected or ApplicationStatus.Withdrawn => "bad",
        ApplicationStatus.Returned or ApplicationStatus.Draft => "warn",
        _ => "",
    };
}
