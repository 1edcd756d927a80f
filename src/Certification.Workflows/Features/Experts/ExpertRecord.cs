using System.Text.Json;
using Certification.Domain.Review;

namespace Certification.Workflows.Features.Experts;

/// <summary>How an expert of the pool is stored; <see cref="ToExpert"/> gives the domain's view for panel drawing.</summary>
public sealed class ExpertRecord
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public required string RegionCode { get; set; }
    public string FieldsJson { get; set; } = "[]";
    public string RelatedCreditCodesJson { get; set; } = "[]";
    public string? EmployerCreditCode { get; set; }
    public bool IsActive { get; set; } = true;
    /// <summary>The user account that acts as this expert (set when identity binds accounts to experts).</summary>
    public string? UserName { get; set; }
    public DateTime CreatedAt { get; set; }

    public IReadOnlyList<string> Fields => JsonSerializer.Deserialize<List<string>>(FieldsJson) ?? [];
    public IReadOnlyList<string> RelatedCreditCodes => JsonSerializer.Deserialize<List<string>>(RelatedCreditCodesJson) ?? [];

    public Expert ToExpert() => new(Id, Name, Fields, RegionCode, IsActive, RelatedCreditCodes, EmployerCreditCode);
}
