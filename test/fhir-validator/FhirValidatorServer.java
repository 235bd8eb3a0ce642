import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;
import ca.uhn.fhir.validation.ValidationResult;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.SnapshotGeneratingValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;

/**
 * Validates FHIR R4 resources against the specification, offline (no terminology server), one
 * resource per input line (JSON on one line), one answer per output line:
 * {"errors":N,"warnings":N,"issues":[{"severity":"error","location":"...","message":"..."}]}.
 * It stays up for the whole test run, so the profiles load once. An empty line ends it.
 */
public final class FhirValidatorServer {
  private FhirValidatorServer() {}

  /** One resource of each type the FHIR facade answers with. */
  private static final String[] WARM_UP = {
    "{\"resourceType\":\"CoverageEligibilityResponse\",\"contained\":[{\"resourceType\":\"Organization\",\"id\":\"o\",\"name\":\"o\"},"
        + "{\"resourceType\":\"Coverage\",\"id\":\"c\",\"status\":\"active\",\"beneficiary\":{\"display\":\"p\"},\"payor\":[{\"reference\":\"#o\"}]}],"
        + "\"status\":\"active\",\"purpose\":[\"validation\"],\"patient\":{\"display\":\"p\"},\"created\":\"2026-01-01\",\"request\":{\"display\":\"r\"},"
        + "\"outcome\":\"complete\",\"insurer\":{\"reference\":\"#o\"},\"insurance\":[{\"coverage\":{\"reference\":\"#c\"}}]}",
    "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\",\"code\":\"invalid\"}]}",
    "{\"resourceType\":\"CapabilityStatement\",\"status\":\"active\",\"date\":\"2026-01-01\",\"kind\":\"instance\","
        + "\"implementation\":{\"description\":\"d\"},\"fhirVersion\":\"4.0.1\",\"format\":[\"json\"]}",
  };

  private static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : (text == null ? "" : text).toCharArray()) {
      if (c == '"' || c == '\\') out.append('\\').append(c);
      else if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
      else out.append(c);
    }
    return out.append('"').toString();
  }

  public static void main(String[] args) throws Exception {
    FhirContext context = FhirContext.forR4Cached();
    UnknownCodeSystemWarningValidationSupport unknownSystems = new UnknownCodeSystemWarningValidationSupport(context);
    unknownSystems.setNonExistentCodeSystemSeverity(org.hl7.fhir.common.hapi.validation.support.UnknownCodeSystemWarningValidationSupport.DEFAULT_SEVERITY);
    ValidationSupportChain chain = new ValidationSupportChain(
        new DefaultProfileValidationSupport(context),
        new CommonCodeSystemsTerminologyService(context),
        new InMemoryTerminologyServerValidationSupport(context),
        new SnapshotGeneratingValidationSupport(context),
        unknownSystems);
    FhirInstanceValidator module = new FhirInstanceValidator(chain);
    module.setAnyExtensionsAllowed(true);
    FhirValidator validator = context.newValidator().registerValidatorModule(module);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    // Loads the definitions of every type the facade answers before saying ready: the first validation of a type is the slow one.
    for (String warmUp : WARM_UP) validator.validateWithResult(warmUp);
    out.println("{\"ready\":true}");
    for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
      StringBuilder issues = new StringBuilder();
      int errors = 0;
      int warnings = 0;
      try {
        ValidationResult result = validator.validateWithResult(line);
        for (SingleValidationMessage message : result.getMessages()) {
          ResultSeverityEnum severity = message.getSeverity();
          if (severity == ResultSeverityEnum.ERROR || severity == ResultSeverityEnum.FATAL) errors++;
          if (severity == ResultSeverityEnum.WARNING) warnings++;
          if (issues.length() > 0) issues.append(',');
          issues.append("{\"severity\":").append(quote(severity.getCode()))
              .append(",\"location\":").append(quote(message.getLocationString()))
              .append(",\"message\":").append(quote(message.getMessage())).append('}');
        }
      } catch (RuntimeException error) {
        errors++;
        issues.append("{\"severity\":\"fatal\",\"location\":\"\",\"message\":").append(quote(error.toString())).append('}');
      }
      out.println("{\"errors\":" + errors + ",\"warnings\":" + warnings + ",\"issues\":[" + issues + "]}");
    }
  }
}
