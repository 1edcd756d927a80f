using System.Diagnostics.CodeAnalysis;

namespace Certification.Domain.Criteria.Profiles;

/// <summary>统一社会信用代码 under GB 32100-2015.</summary>
public static class CreditCode
{
    public const int Length = 18;

    /// <summary>The 31 characters of the code, in the order of their values 0–30 (no I, O, Z, S, V).</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Registration authority (1st character) → the institution-type codes (2nd character) it assigns.</summary>
    private static readonly Dictionary<char, string> TypesByAuthority = new()
    {
        ['1'] = "1239", // 机构编制
        ['2'] = "19", // 外交
        ['3'] = "123459", // 司法行政
        ['4'] = "19", // 文化
        ['5'] = "1239", // 民政
        ['6'] = "129", // 旅游
        ['7'] = "129", // 宗教
        ['8'] = "19", // 工会
        ['9'] = "123", // 工商（市场监管）
        ['A'] = "19", // 中央军委改革和编制办公室
        ['N'] = "1239", // 农业
        ['Y'] = "1", // 其他
    };

    /// <summary>Full validation including the check digit; <paramref name="error"/> says in Chinese what is wrong.</summary>
    public static bool TryValidate([NotNullWhen(true)] string? code, out string error)
    {
        if (!TryValidateFormat(code, out error))
        {
            return false;
        }
        var expected = CheckCharacter(code.AsSpan(0, Length - 1));
        if (code[Length - 1] != expected)
        {
            error = $"统一社会信用代码校验码错误：应为“{expected}”";
            return false;
        }
        return true;
    }

    /// <summary>Everything but the check digit: length, characters, authority/type codes and the region code.</summary>
    public static bool TryValidateFormat([NotNullWhen(true)] string? code, out string error)
    {
        error = "";
        if (string.IsNullOrEmpty(code) || code.Length != Length)
        {
            error = $"统一社会信用代码必须为{Length}位";
            return false;
        }
        var bad = code.FirstOrDefault(c => !Alphabet.Contains(c));
        if (bad != default)
        {
            error = $"统一社会信用代码含有非法字符“{bad}”（只允许数字和除 I、O、Z、S、V 以外的大写字母）";
            return false;
        }
        if (!TypesByAuthority.TryGetValue(code[0], out var types))
        {
            error = $"统一社会信用代码的登记管理部门代码“{code[0]}”无效";
            return false;
        }
        if (!types.Contains(code[1]))
        {
            error = $"统一社会信用代码的机构类别代码“{code[1]}”与登记管理部门代码“{code[0]}”不匹配";
            return false;
        }
        if (!RegionCode.IsValid(code.Substring(2, 6)))
        {
            error = $"统一社会信用代码的登记管理机关行政区划码“{code.Substring(2, 6)}”无效";
            return false;
        }
        return true;
    }

    /// <summary>The 18th character for the first 17: 31 − (Σ value × weight mod 31), with 31 written as 0.</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != Length - 1)
        {
            throw new ArgumentException($"需要{Length - 1}位", nameof(first17));
        }
        var sum = 0;
        for (var i = 0; i < first17.Length; i++)
        {
            var value = Alphabet.IndexOf(first17[i]);
            if (value < 0)
            {
                throw new ArgumentException($"非法字符“{first17[i]}”", nameof(first17));
            }
            sum += value * Weights[i];
        }
        return Alphabet[(31 - sum % 31) % 31];
    }
}
