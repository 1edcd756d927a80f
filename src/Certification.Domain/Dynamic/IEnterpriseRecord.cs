namespace Certification.Domain.Dynamic;

/// <summary>A record that belongs to one enterprise and lies in its region (what row scope is decided on).</summary>
public interface IEnterpriseRecord
{
    string EnterpriseId { get; }
    string RegionCode { get; }
}
