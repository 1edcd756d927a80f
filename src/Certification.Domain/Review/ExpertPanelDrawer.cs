namespace Certification.Domain.Review;

/// <summary>
/// Draws review panels from an expert pool.
/// </summary>
/// <remarks>
/// <para>Eligibility: active; not already on the panel, drawn before or declined for this application;
/// not employed by the applicant; no declared relationship with it; not from its county unless allowed.</para>
/// <para>Order: each eligible expert gets a rank key, SHA-256 of <c>"{seed}\n{applicationId}\n{expertId}"</c>
/// (first 8 bytes, big-endian; see <see cref="RankKey"/>), lowest first. Walking that ranking, experts
/// who cover a required field not yet covered come first, then other experts in a required field,
/// then anyone. The key depends on the application, so different applications get different panels
/// and the load spreads over the pool; it does not depend on the pool's order, so reloading the pool
/// from storage never changes a draw.</para>
/// </remarks>
public sealed class ExpertPanelDrawer
{
    private readonly IReadOnlyList<Expert> _pool;

    public ExpertPanelDrawer(IEnumerable<Expert> pool)
    {
        ArgumentNullException.ThrowIfNull(pool);
        _pool = pool.ToArray();
        var duplicate = _pool.GroupBy(e => e.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"Expert id '{duplicate.Key}' appears more than once in the pool.", nameof(pool));
        }
    }

    public IReadOnlyList<Expert> Pool => _pool;

    /// <summary>The rank key of an expert in a draw; lower is drawn first. Public so an auditor can recompute it.</summary>
    public static ulong RankKey(long seed, string applicationId, string expertId) =>
        StableHash.Key(StableHash.Text(seed), applicationId, expertId);

    public PanelDrawResult Draw(PanelDrawRequest request)
    {
        Validate(request);
        var size = request.EffectivePanelSize;
        var screening = Screen(request, onPanel: [], drawnOrDeclined: request.ExcludedExpertIds);
        if (screening.Eligible.Count < size)
        {
            return new PanelDrawResult(null, Failure(size, screening), screening.Exclusions);
        }

        var members = Pick(screening.Eligible, request, size, alreadyCovered: []);
        return new PanelDrawResult(new ExpertPanel(request, members, []), null, screening.Exclusions);
    }

    /// <summary>
    /// Replaces a member who declined (or was found conflicted) with one substitute drawn under the
    /// same rules and seed; the substitute takes the same seat. The remaining members, the decliner and
    /// everyone who declined before are excluded, and fields only the decliner covered are preferred.
    /// </summary>
    public PanelReplacementResult Replace(ExpertPanel panel, string declinedExpertId, string reason)
    {
        ArgumentNullException.ThrowIfNull(panel);
        ArgumentException.ThrowIfNullOrWhiteSpace(declinedExpertId);
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var seat = panel.Members.ToList().FindIndex(m => m.Expert.Id == declinedExpertId);
        if (seat < 0)
        {
            throw new ArgumentException($"Expert '{declinedExpertId}' is not on the panel.", nameof(declinedExpertId));
        }

        var request = panel.Request;
        Validate(request);
        var remaining = panel.Members.Where((_, i) => i != seat).ToArray();
        var drawnOrDeclined = request.ExcludedExpertIds
            .Concat(panel.Declines.Select(d => d.ExpertId))
            .Append(declinedExpertId)
            .ToArray();
        var screening = Screen(request, remaining.Select(m => m.Expert.Id).ToArray(), drawnOrDeclined);
        if (screening.Eligible.Count == 0)
        {
            return new PanelReplacementResult(null, null, Failure(1, screening), screening.Exclusions);
        }

        var required = NormalizeFields(request.RequiredFields);
        var covered = required.Where(f => remaining.Any(m => m.Expert.HasField(f))).ToArray();
        var substitute = Pick(screening.Eligible, request, 1, covered)[0];

        var members = panel.Members.ToArray();
        members[seat] = substitute;
        var declines = panel.Declines.Append(new PanelDecline(declinedExpertId, reason.Trim(), substitute.Expert.Id)).ToArray();
        return new PanelReplacementResult(panel with { Members = members, Declines = declines }, substitute, null, screening.Exclusions);
    }

    internal static string[] NormalizeFields(IEnumerable<string> fields) =>
        fields.Where(f => !string.IsNullOrWhiteSpace(f))
            .Select(f => f.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToArray();

    private static void Validate(PanelDrawRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.ApplicationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.TierCode);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.EnterpriseCreditCode);
        if (!RegionCodes.IsValid(request.EnterpriseRegionCode))
        {
            throw new ArgumentException(
                $"Enterprise region code '{request.EnterpriseRegionCode}' is not an administrative division code.", nameof(request));
        }

        if (request.EffectivePanelSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(request), request.PanelSize, "A panel needs at least one expert.");
        }
    }

    private Screening Screen(PanelDrawRequest request, IReadOnlyCollection<string> onPanel, IEnumerable<string> drawnOrDeclined)
    {
        var onPanelSet = onPanel.ToHashSet(StringComparer.Ordinal);
        var drawnSet = drawnOrDeclined.ToHashSet(StringComparer.Ordinal);
        var eligible = new List<Expert>();
        var counts = new SortedDictionary<ExclusionReason, int>();
        foreach (var expert in _pool)
        {
            var reason = ExclusionOf(expert, request, onPanelSet, drawnSet);
            if (reason is { } r)
            {
                counts[r] = counts.GetValueOrDefault(r) + 1;
            }
            else
            {
                eligible.Add(expert);
            }
        }

        return new Screening(eligible, counts, _pool.Count);
    }

    /// <summary>The first reason, in <see cref="ExclusionReason"/> order, that keeps the expert off this panel.</summary>
    private static ExclusionReason? ExclusionOf(
        Expert expert, PanelDrawRequest request, HashSet<string> onPanel, HashSet<string> drawnOrDeclined)
    {
        if (!expert.IsActive)
        {
            return ExclusionReason.Inactive;
        }

        if (onPanel.Contains(expert.Id))
        {
            return ExclusionReason.OnCurrentPanel;
        }

        if (drawnOrDeclined.Contains(expert.Id))
        {
            return ExclusionReason.AlreadyDrawnOrDeclined;
        }

        if (expert.WorksFor(request.EnterpriseCreditCode))
        {
            return ExclusionReason.SameEnterprise;
        }

        if (expert.DeclaredRelationshipWith(request.EnterpriseCreditCode))
        {
            return ExclusionReason.DeclaredRelationship;
        }

        if (!request.AllowSameCounty && RegionCodes.SameCounty(expert.RegionCode, request.EnterpriseRegionCode))
        {
            return ExclusionReason.SameCounty;
        }

        return null;
    }

    private static PanelMember[] Pick(
        IReadOnlyList<Expert> eligible, PanelDrawRequest request, int size, IReadOnlyCollection<string> alreadyCovered)
    {
        var ranked = eligible
            .OrderBy(e => RankKey(request.Seed, request.ApplicationId, e.Id))
            .ThenBy(e => e.Id, StringComparer.Ordinal)
            .ToArray();
        var required = NormalizeFields(request.RequiredFields);
        var covered = new HashSet<string>(alreadyCovered, StringComparer.OrdinalIgnoreCase);
        var picked = new List<PanelMember>(size);
        var taken = new HashSet<string>(StringComparer.Ordinal);

        void Take(Expert expert, bool matches)
        {
            picked.Add(new PanelMember(expert, matches));
            taken.Add(expert.Id);
            covered.UnionWith(required.Where(expert.HasField));
        }

        // First pass: breadth, so a panel for a cross-field dossier is not three experts of one field.
        foreach (var expert in ranked)
        {
            if (picked.Count == size)
            {
                break;
            }

            if (required.Any(f => !covered.Contains(f) && expert.HasField(f)))
            {
                Take(expert, matches: true);
            }
        }

        foreach (var expert in ranked)
        {
            if (picked.Count == size)
            {
                break;
            }

            if (!taken.Contains(expert.Id) && required.Any(expert.HasField))
            {
                Take(expert, matches: true);
            }
        }

        foreach (var expert in ranked)
        {
            if (picked.Count == size)
            {
                break;
            }

            if (!taken.Contains(expert.Id))
            {
                Take(expert, matches: false);
            }
        }

        return picked.ToArray();
    }

    private static PanelDrawFailure Failure(int needed, Screening screening) =>
        new(needed, screening.Eligible.Count, screening.PoolSize, screening.Exclusions);

    private sealed record Screening(
        IReadOnlyList<Expert> Eligible, IReadOnlyDictionary<ExclusionReason, int> Exclusions, int PoolSize);
}
