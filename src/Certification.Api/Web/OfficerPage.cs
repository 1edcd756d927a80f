using Certification.Workflows.Access;

namespace Certification.Api.Web;

/// <summary>A page of dynamic management (<c>/officer</c>): read by every reviewer and administrator, decided by some.</summary>
public abstract class OfficerPage : UiPage
{
    /// <summary>
    /// Whether the signed-in account may decide here (administrators, formal-stage reviewers): the pages offer the
    /// forms to them only; the features refuse everyone else anyway.
    /// </summary>
    public bool CanDecide => Caller.Is(Roles.Admin) || (Caller.Is(Roles.Reviewer) && Caller.ReviewStage == Roles.Stages.Formal);

    /// <summary>Who decides, for the note shown instead of a form.</summary>
    public const string DecidedBy = "由审核环节（省级）的审核人员或管理员办理；本账号只能查看。";
}
