/* C binding test of the typed redaction hot path: sp_redact_text with the default and a tenant's
 * policy, tenant isolation, invalid UTF-8, limits and NULL arguments. Ends with "N passed, M failed". */
#include <stdio.h>
#include <string.h>
#include "shared_platform.h"

static int passed = 0, failed = 0;

#define CHECK(cond, what)                                                    \
  do {                                                                       \
    if (cond) { passed++; printf("ok   %s\n", what); }                       \
    else { failed++; printf("FAIL %s (line %d)\n", what, __LINE__); }       \
  } while (0)

#define S(text) (const uint8_t *)(text), strlen(text)

/* Redacts `text` in `tenant` and compares with `expected`. */
static int redacts(SpEngine *engine, const char *tenant, const char *text, const char *expected) {
  SpString out = {0};
  SpError err = {0};
  uint32_t rc = sp_redact_text(engine, SP_STR(tenant), SP_STR(text), &out, &err);
  int ok = rc == 0 && out.len == strlen(expected) && memcmp(out.ptr, expected, out.len) == 0;
  if (!ok) printf("     got rc=%u \"%s\"\n", rc, out.ptr ? out.ptr : "(null)");
  sp_string_free(&out);
  sp_error_clear(&err);
  return ok;
}

int main(void) {
  SpError err = {0};
  SpString out = {0};
  SpEngine *engine = NULL;
  CHECK(sp_engine_new(S("{}"), &engine, &err) == 0, "engine");

  CHECK(redacts(engine, "acme", "card 4111 1111 1111 1111 for jane@example.com", "card [REDACTED] for [REDACTED]"),
        "card and e-mail redacted");
  CHECK(redacts(engine, "acme", "nothing to see", "nothing to see"), "clean text unchanged");
  CHECK(redacts(engine, "acme", "", ""), "empty text");

  const char *policy = "{\"custom_patterns\":[{\"name\":\"EMPLOYEE_ID\",\"pattern\":\"EMP-\\\\d{6}\"}],"
                       "\"operators\":{\"CREDIT_CARD\":{\"type\":\"mask\",\"keep_last\":4}}}";
  CHECK(sp_call(engine, S("acme"), S("redaction.put_policy"), S(policy), &out, &err) == 0, "tenant policy via sp_call");
  sp_string_free(&out);
  CHECK(redacts(engine, "acme", "EMP-123456 paid 4111 1111 1111 1111", "[REDACTED] paid **** **** **** 1111"),
        "the tenant's custom pattern and operator apply");
  CHECK(redacts(engine, "globex", "EMP-123456 paid 4111 1111 1111 1111", "EMP-123456 paid [REDACTED]"),
        "another tenant is not affected");

  CHECK(sp_redact_text(engine, SP_STR("acme"), (SpStr){(const uint8_t *)"a\xff\xfe", 3}, &out, &err) == 1105 &&
            strcmp(err.field, "text") == 0,
        "invalid UTF-8 is InvalidUtf8 naming the field");
  sp_error_clear(&err);
  CHECK(sp_call(engine, S("globex"), S("redaction.put_policy"), S("{\"max_input_bytes\":8}"), &out, &err) == 0,
        "a small input limit");
  sp_string_free(&out);
  CHECK(sp_redact_text(engine, SP_STR("globex"), SP_STR("more than eight bytes"), &out, &err) == 6003 &&
            strcmp(err.field, "text") == 0 && out.ptr == NULL,
        "input over the limit is InputTooLarge");
  sp_error_clear(&err);
  CHECK(sp_redact_text(engine, SP_STR("acme"), SP_STR("x"), NULL, &err) == 1106, "NULL out is NullArgument");
  sp_error_clear(&err);
  CHECK(sp_redact_text(engine, SP_STR("not a tenant"), SP_STR("x"), &out, &err) == 1100, "bad tenant");
  sp_error_clear(&err);

  sp_engine_close(engine, &err);
  CHECK(sp_redact_text(engine, SP_STR("acme"), SP_STR("x"), &out, &err) == 1102, "closed engine is EngineClosed");
  sp_error_clear(&err);
  sp_engine_free(engine);
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
