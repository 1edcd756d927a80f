using Certification.Workflows.Mediation;
using Certification.Workflows.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Certification.Workflows.Features.Applications;

/// <summary>One frozen version of an application: the profile as submitted, its evaluation and its documents.</summary>
public sealed record GetApplicationVersion(string ApplicationId, int Version) : IRequest<ApplicationVersionView>;

public sealed class GetApplicationVersionHandler(CertificationDbContext db) : IRequestHandler<GetApplicationVersion, ApplicationVersionView>
{
    public async Task<ApplicationVersionView> Handle(GetApplicationVersion request, CancellationToken ct)
    {
        var version = await db.ApplicationVersions.AsNoTracking()
                          .FirstOrDefaultAsync(v => v.ApplicationId == request.ApplicationId && v.Version == request.Version, ct)
                      ?? throw new NotFoundException($"申请 {request.ApplicationId} 没有第 {request.Version} 版提交");
        return ApplicationVersionView.From(version);
    }
}
