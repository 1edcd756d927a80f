namespace Certification.Domain.Review;

/// <summary>
/// Picks applications for on-site spot checks (抽查). The pick is a pure function of recorded inputs,
/// so re-running it (after a crash, for an audit, when a late application joins the batch) never
/// changes who was checked, and no one can re-roll until a favoured enterprise escapes.
/// </summary>
public static class SpotCheckSampler
{
    /// <summary>
    /// The application's lottery ticket in [0, 1): the first 8 bytes (big-endian) of
    /// SHA-256(UTF-8 <c>"{batchId}\n{applicationId}\n{seed}"</c>) divided by 2^64.
    /// </summary>
    public static decimal Ticket(string batchId, string applicationId, long seed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(batchId);
        ArgumentException.ThrowIfNullOrWhiteSpace(applicationId);
        return StableHash.Fraction(batchId, applicationId, StableHash.Text(seed));
    }

    /// <summary>
    /// Whether the application is sampled: its ticket is below <paramref name="share"/>. Decided per
    /// application, so the batch's sampled share is <paramref name="share"/> on average, not exactly;
    /// raising the share only ever adds applications.
    /// </summary>
    public static bool IsSampled(string batchId, string applicationId, decimal share, long seed)
    {
        ValidateShare(share);
        return Ticket(batchId, applicationId, seed) < share;
    }

    /// <summary>The sampled applications of a batch, in the order given.</summary>
    public static IReadOnlyList<string> Sample(string batchId, IEnumerable<string> applicationIds, decimal share, long seed)
    {
        ArgumentNullException.ThrowIfNull(applicationIds);
        ValidateShare(share);
        var ids = Distinct(applicationIds);
        return ids.Where(id => Ticket(batchId, id, seed) < share).ToArray();
    }

    /// <summary>
    /// Exactly ⌈share × count⌉ applications of a closed batch: those with the lowest tickets,
    /// SHA-256 of <c>"{applicationId}\n{seed}"</c> (ties by id), returned in that order.
    /// </summary>
    public static IReadOnlyList<string> SampleExactly(IEnumerable<string> applicationIds, decimal share, long seed)
    {
        ArgumentNullException.ThrowIfNull(applicationIds);
        ValidateShare(share);
        var ids = Distinct(applicationIds);
        var count = (int)Math.Ceiling(share * ids.Count);
        return ids
            .OrderBy(id => StableHash.Key(id, StableHash.Text(seed)))
            .ThenBy(id => id, StringComparer.Ordinal)
            .Take(count)
            .ToArray();
    }

    private static List<string> Distinct(IEnumerable<string> applicationIds)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ids = new List<string>();
        foreach (var id in applicationIds)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(id, nameof(applicationIds));
            if (!seen.Add(id))
            {
                // A duplicate would get two chances, or count twice towards the quota.
                throw new ArgumentException($"Application '{id}' appears more than once.", nameof(applicationIds));
            }

            ids.Add(id);
        }

        return ids;
    }

    private static void ValidateShare(decimal share)
    {
        if (share is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(share), share, "The sampled share must be within 0..1.");
        }
    }
}
