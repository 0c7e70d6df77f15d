using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using Reach.Cli.Batch;
using Reach.Core.Batch;
using Reach.Core.Model;
using Reach.Core.Targets;
using Reach.Core.Text;
using Xunit;

namespace Reach.Tests.Batch;

/// <summary>
/// The JUnit XML of reach batch, checked against the schema CI systems read (the JUnit/Ant format as
/// Jenkins' junit plugin and GitLab take it: testsuites, testsuite with its counts, testcase with at most
/// one failure, error or skipped), and its counts against the flows.
/// </summary>
public sealed class JunitWriterTests
{
    // The structure of Jenkins' junit-10.xsd (the de facto JUnit XML format), with the attributes reach writes.
    internal const string Schema = """
        <?xml version="1.0" encoding="UTF-8"?>
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="qualified">
          <xs:simpleType name="count"><xs:restriction base="xs:nonNegativeInteger"/></xs:simpleType>
          <xs:simpleType name="seconds"><xs:restriction base="xs:decimal"><xs:minInclusive value="0"/></xs:restriction></xs:simpleType>
          <xs:complexType name="problem" mixed="true">
            <xs:attribute name="message" type="xs:string"/>
            <xs:attribute name="type" type="xs:string"/>
          </xs:complexType>
          <xs:element name="testsuites">
            <xs:complexType>
              <xs:sequence><xs:element ref="testsuite" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
              <xs:attribute name="name" type="xs:string"/>
              <xs:attribute name="tests" type="count"/>
              <xs:attribute name="failures" type="count"/>
              <xs:attribute name="errors" type="count"/>
              <xs:attribute name="skipped" type="count"/>
              <xs:attribute name="time" type="seconds"/>
            </xs:complexType>
          </xs:element>
          <xs:element name="testsuite">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="properties" minOccurs="0">
                  <xs:complexType><xs:sequence>
                    <xs:element name="property" maxOccurs="unbounded">
                      <xs:complexType>
                        <xs:attribute name="name" type="xs:string" use="required"/>
                        <xs:attribute name="value" type="xs:string" use="required"/>
                      </xs:complexType>
                    </xs:element>
                  </xs:sequence></xs:complexType>
                </xs:element>
                <xs:element name="testcase" minOccurs="0" maxOccurs="unbounded">
                  <xs:complexType>
                    <xs:sequence>
                      <xs:choice minOccurs="0">
                        <xs:element name="skipped" type="problem"/>
                        <xs:element name="error" type="problem"/>
                        <xs:element name="failure" type="problem"/>
                      </xs:choice>
                      <xs:element name="system-out" type="xs:string" minOccurs="0"/>
                      <xs:element name="system-err" type="xs:string" minOccurs="0"/>
                    </xs:sequence>
                    <xs:attribute name="name" type="xs:string" use="required"/>
                    <xs:attribute name="classname" type="xs:string" use="required"/>
                    <xs:attribute name="time" type="seconds" use="required"/>
                    <xs:attribute name="file" type="xs:string"/>
                    <xs:attribute name="line" type="count"/>
                  </xs:complexType>
                </xs:element>
                <xs:element name="system-out" type="xs:string" minOccurs="0"/>
                <xs:element name="system-err" type="xs:string" minOccurs="0"/>
              </xs:sequence>
              <xs:attribute name="name" type="xs:string" use="required"/>
              <xs:attribute name="tests" type="count" use="required"/>
              <xs:attribute name="failures" type="count" use="required"/>
              <xs:attribute name="errors" type="count" use="required"/>
              <xs:attribute name="skipped" type="count"/>
              <xs:attribute name="time" type="seconds"/>
            </xs:complexType>
          </xs:element>
        </xs:schema>
        """;

    /// <summary>Validates against <see cref="Schema"/> and checks each count attribute against the testcases under it.</summary>
    internal static XDocument Validate(string xml)
    {
        var schemas = new XmlSchemaSet();
        schemas.Add(null, XmlReader.Create(new StringReader(Schema)));
        var errors = new List<string>();
        var doc = XDocument.Parse(xml);
        doc.Validate(schemas, (_, e) => errors.Add($"{e.Severity}: {e.Message}"));
        Assert.True(errors.Count == 0, string.Join("\n", errors) + "\n" + xml);

        foreach (var holder in doc.Descendants().Where(e => e.Name.LocalName is "testsuites" or "testsuite"))
        {
            var cases = holder.Descendants("testcase").ToList();
            Assert.Equal(cases.Count, (int)holder.Attribute("tests")!);
            Assert.Equal(cases.Count(c => c.Element("failure") is not null), (int)holder.Attribute("failures")!);
            Assert.Equal(cases.Count(c => c.Element("error") is not null), (int)holder.Attribute("errors")!);
            Assert.Equal(cases.Count(c => c.Element("skipped") is not null), (int)holder.Attribute("skipped")!);
        }

        return doc;
    }

    private static Report Report(Code code, string summary) =>
        new(new TargetInfo("web1:80", "web1", 80, []), new Verdict(code, code.Layer, Message.Verbatim(summary), Message.Verbatim("the fix")), [], []);

    [Fact]
    public void Each_outcome_becomes_the_element_a_CI_system_counts()
    {
        var web = TargetParser.Parse("web1:80").Target!;
        var dmz = new FlowOrigin(FlowOriginKind.Agent, "https://dmz1:9917", "dmz1");
        FlowOutcome[] outcomes =
        [
            FlowOutcome.Judge(new Flow("web", FlowOrigin.ThisHost, web, new Expectation(ExpectationKind.Reachable), 2), Report(Codes.Ok, "web1:80 answered"), "this host", 12.5),
            FlowOutcome.Judge(new Flow("no-80 <&>", FlowOrigin.ThisHost, web, new Expectation(ExpectationKind.Blocked), 3), Report(Codes.Ok, "web1:80 answered \"quoted\" \u0001"), "this host", 8),
            new(new Flow("dmz", dmz, web, new Expectation(ExpectationKind.Blocked), 4), FlowStatus.CouldNotRun, null, "agent not supported", "https://dmz1:9917", 0),
            new(new Flow("other", FlowOrigin.ThisHost, web, new Expectation(ExpectationKind.Blocked), 5), FlowStatus.Skipped, null, "another host", "offline", 0),
        ];

        using var stream = new MemoryStream();
        JunitWriter.Write(stream, "lab/flows.yaml", outcomes, "--ruleset rules.v4 (iptables-save)");
        var doc = Validate(System.Text.Encoding.UTF8.GetString(stream.ToArray()));

        var cases = doc.Descendants("testcase").ToList();
        Assert.Equal(["web", "no-80 <&>", "dmz", "other"], cases.Select(c => (string)c.Attribute("name")!));
        Assert.All(cases, c => Assert.Equal("reach.batch.flows", (string)c.Attribute("classname")!));
        Assert.Null(cases[0].Element("failure"));
        Assert.Equal("expected blocked, got ok: web1:80 answered \"quoted\" ?", (string)cases[1].Element("failure")!.Attribute("message")!);
        Assert.Equal("ok", (string)cases[1].Element("failure")!.Attribute("type")!);
        Assert.Contains("agent not supported", (string)cases[2].Element("error")!.Attribute("message")!, StringComparison.Ordinal);
        Assert.NotNull(cases[3].Element("skipped"));
        Assert.Equal("flows.yaml", (string)doc.Root!.Element("testsuite")!.Attribute("name")!);
        Assert.Equal("0.021", (string)doc.Root.Attribute("time")!);
        Assert.Equal("--ruleset rules.v4 (iptables-save)", (string)doc.Descendants("property").Single().Attribute("value")!);
    }
}
