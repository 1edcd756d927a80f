using Certification.Domain.Criteria.Profiles;

namespace Certification.Domain.Tests.Profiles;

public class CreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")] // the example commonly quoted with GB 32100-2015
    [InlineData("91330106MA2B12345N")] // Σ value×weight = 1497; 1497 mod 31 = 9; 31 − 9 = 22 → "N"
    public void Valid_codes_pass(string code)
    {
        CreditCode.TryValidate(code, out var error).Should().BeTrue(error);
        error.Should().BeEmpty();
    }

    [Fact]
    public void The_check_character_follows_the_weights_modulo_31()
    {
        CreditCode.CheckCharacter("91350100M000100Y4").Should().Be('3');
        CreditCode.CheckCharacter("91330106MA2B12345").Should().Be('N');
    }

    [Theory]
    [InlineData("91350100M000100Y44", "校验码")]
    [InlineData("91330106MA2B075954", "校验码")] // a sample code of the worked cases
    [InlineData("91350100M000100I43", "非法字符")]
    [InlineData("91350100M000100Y4s", "非法字符")]
    [InlineData("91350100M000100O43", "非法字符")]
    [InlineData("91350100M000100Y4", "18位")]
    [InlineData("91350100M000100Y433", "18位")]
    [InlineData("", "18位")]
    [InlineData("B1350100M000100Y43", "登记管理部门")]
    [InlineData("94350100M000100Y43", "机构类别")]
    [InlineData("91990100M000100Y43", "行政区划")]
    [InlineData("9135A100M000100Y43", "行政区划")]
    public void Invalid_codes_fail_with_a_chinese_reason(string code, string reasonPart)
    {
        CreditCode.TryValidate(code, out var error).Should().BeFalse();
        error.Should().Contain(reasonPart);
    }

    [Fact]
    public void Null_fails()
        => CreditCode.TryValidate(null, out _).Should().BeFalse();

    [Fact]
    public void The_format_check_ignores_the_check_digit()
    {
        CreditCode.TryValidateFormat("91330106MA2B075954", out _).Should().BeTrue();
        CreditCode.TryValidateFormat("91330106MA2B07595I", out _).Should().BeFalse();
    }
}
