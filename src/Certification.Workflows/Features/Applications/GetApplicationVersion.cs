using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Certification.Workflows.Access;

namespace Certification.Workflows.Features.Applications;

/// <summary>One frozen version of an application: the profile as submitted, its evaluation and its documents.</summary>
[AllowedCallers(Roles.Enterprise, Roles.Reviewer, Roles.Expert, Roles.Admin, Roles.Regulator)]
public sealed record GetApplicationVersion(string ApplicationId, int Version) : IRequest<ApplicationVersionView>;

public sealed class GetApplicationVersionHandler(CertificationDbContext db, CallerContext callers) : IRequestHandler<GetApplicationVersion, ApplicationVersionView>
{
    public async Task<ApplicationVersionView> Handle(GetApplicationVersion request, CancellationToken ct)
    {
        await db.EnsureVisibleAsync(callers.Current, request.ApplicationId, ct);
        var version = await db.ApplicationVersions.AsNoTracking()
                          .FirstOrDefaultAsync(v => v.ApplicationId == request.ApplicationId && v.Version == request.Version, ct)
                      ?? throw new NotFoundException($"申请 {request.ApplicationId} 没有第 {request.Version} 版提交");
        return ApplicationVersionView.From(version);
    }
}
