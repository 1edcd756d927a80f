using Certification.Workflows.Mediation;

namespace Certification.Api.Web;

/// <summary>A page of the enterprise's own desk: acts for the one enterprise its account belongs to.</summary>
public abstract class EnterprisePage : UiPage
{
    /// <summary>The signed-in account's enterprise (the folder's policy admits enterprise accounts only).</summary>
    protected string EnterpriseId => Caller.EnterpriseId ?? throw new NotFoundException("当前账号未关联企业，请联系管理员。");
}
