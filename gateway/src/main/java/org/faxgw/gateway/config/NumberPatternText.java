package org.faxgw.gateway.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import java.io.IOException;
import org.faxgw.gateway.policy.NumberPattern;

/** Reads one outbound number pattern and checks it at once, so an error names its line. */
final class NumberPatternText extends JsonDeserializer<String> {
  @Override
  public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
    JsonToken t = p.currentToken();
    if (t != JsonToken.VALUE_STRING) {
      return (String) ctxt.handleUnexpectedToken(String.class, p);
    }
    String text = p.getText();
    try {
      NumberPattern.parse(text);
    } catch (IllegalArgumentException e) {
      throw JsonMappingException.from(p, e.getMessage(), e);
    }
    return text;
  }
}
