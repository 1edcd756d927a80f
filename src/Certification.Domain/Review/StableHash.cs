using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Certification.Domain.Review;

/// <summary>
/// The one source of "randomness" in review: SHA-256 over the parts joined by a line feed (UTF-8).
/// A hash rather than a PRNG so that anyone can re-derive a draw or a sample from the recorded
/// inputs with any SHA-256 tool, on any platform, years later.
/// </summary>
internal static class StableHash
{
    /// <summary>2^64: the first eight bytes of the digest, read big-endian, divided by this give [0, 1).</summary>
    private const decimal TwoToThe64 = 18446744073709551616m;

    public static ulong Key(params string[] parts)
    {
        foreach (var part in parts)
        {
            // A line feed inside a part would make two different inputs hash alike.
            if (part.Contains('\n'))
            {
                throw new ArgumentException($"Identifier '{part.Replace("\n", "\\n")}' must not contain a line feed.");
            }
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', parts)));
        return BinaryPrimitives.ReadUInt64BigEndian(digest);
    }

    public static decimal Fraction(params string[] parts) => Key(parts) / TwoToThe64;

    public static string Text(long seed) => seed.ToString(CultureInfo.InvariantCulture);
}
