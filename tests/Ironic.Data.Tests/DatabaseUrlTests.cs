using Ironic.Common.Config;

namespace Ironic.Data.Tests;

public sealed class DatabaseUrlTests
{
    [Theory]
    [InlineData("sqlite:////var/lib/ironic/ironic.sqlite", "/var/lib/ironic/ironic.sqlite")]
    [InlineData("sqlite:///ironic.sqlite", "ironic.sqlite")]
    [InlineData("sqlite:////tmp/x.sqlite?timeout=5", "/tmp/x.sqlite")]
    [InlineData("sqlite://", ":memory:")]
    [InlineData("sqlite:///", ":memory:")]
    public void Parse_ReadsSqliteUrlsAsSqlAlchemyDoes(string url, string target)
    {
        var parsed = DatabaseUrl.Parse(url);

        Assert.Equal("sqlite", parsed.Engine);
        Assert.Equal(target, parsed.Target);
    }

    [Fact]
    public void Parse_WhenUnsupportedEngine_NamesTheOptionAndHidesThePassword()
    {
        var e = Assert.Throws<ConfigError>(() => DatabaseUrl.Parse("mysql+pymysql://ironic:hunter2@db.example.com/ironic"));

        Assert.Contains("[database] connection", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", e.Message, StringComparison.Ordinal);
        Assert.Contains("db.example.com", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WhenNotAUrl_NamesTheOption()
    {
        var e = Assert.Throws<ConfigError>(() => DatabaseUrl.Parse("/var/lib/ironic/ironic.sqlite"));

        Assert.Contains("[database] connection", e.Message, StringComparison.Ordinal);
    }
}
