package io.iotworkbench.localcore.api;

import io.iotworkbench.localcore.AwsServiceException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestParsingTest {

    @Test
    void literalsMustMatchAndLabelsTakeOneNonEmptySegment() {
        PathPattern p = new PathPattern("/things/{thingName}/principals");
        assertThat(p.match("/things/t-1/principals")).isEqualTo(Map.of("thingName", "t-1"));
        assertThat(p.match("/things/t-1/principal")).isNull();
        assertThat(p.match("/things//principals")).isNull();
        assertThat(p.match("/things/a/b/principals")).isNull();
        assertThat(new PathPattern("/things").match("/things/")).isNull();
    }

    @Test
    void segmentsAreDecodedOnTheirOwnAsUtf8() {
        PathPattern p = new PathPattern("/attached-policies/{target}");
        assertThat(p.match("/attached-policies/arn%3Aaws%3Aiot%3Aus-east-1%3A0%3Acert%2Fab"))
                .isEqualTo(Map.of("target", "arn:aws:iot:us-east-1:0:cert/ab"));
        assertThat(PathPattern.decode("caf%C3%A9+x%2B")).isEqualTo("café+x+");
        assertThat(new PathPattern("/a%2Fb").match("/a%2Fb")).as("literals compare decoded").isNull();
        assertThatThrownBy(() -> PathPattern.decode("bad%2")).isInstanceOf(AwsServiceException.class);
    }

    @Test
    void queriesAreDecodedAndMalformedEscapesAreInvalidRequests() {
        assertThat(ApiRequest.parseQuery("a=1&b=x%2Fy&a=2&flag")).isEqualTo(Map.of("a", List.of("1", "2"),
                "b", List.of("x/y"), "flag", List.of("")));
        assertThatThrownBy(() -> ApiRequest.parseQuery("a=%zz")).isInstanceOf(AwsServiceException.class)
                .hasMessageContaining("malformed");
    }

    @Test
    void theSigningServiceIsReadFromTheCredentialScope() {
        assertThat(SigningScope.service("AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/iot-jobs-data/"
                + "aws4_request, SignedHeaders=host, Signature=00", null)).isEqualTo("iot-jobs-data");
        assertThat(SigningScope.service(null, "AKID/20240101/eu-west-1/iotdata/aws4_request")).isEqualTo("iotdata");
        assertThat(SigningScope.service("Bearer abc", null)).isNull();
        assertThat(SigningScope.service(null, null)).isNull();
    }
}
