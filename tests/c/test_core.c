/* C binding test: engine lifecycle, management calls, errors, invalid input. Prints one line
 * per check and ends with "N passed, M failed". Built against include/shared_platform.h. */
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

static uint32_t call(SpEngine *engine, const char *scope, const char *method, const char *args,
                     SpString *out, SpError *err) {
  return sp_call(engine, S(scope), S(method), S(args), out, err);
}

int main(void) {
  SpError err = {0};
  SpString out = {0};
  SpEngine *engine = NULL;

  CHECK(strlen(sp_version()) > 0, "sp_version returns a version");
  CHECK(sp_engine_new(S("{\"manual_clock\":\"2026-01-01T00:00:00Z\"}"), &engine, &err) == 0 && engine,
        "engine with a manual clock");

  uint32_t rc = call(engine, "acme", "audit.record",
                     "{\"actor_id\":\"alice\",\"action\":\"doc.read\",\"resource_type\":\"doc\","
                     "\"resource_id\":\"d1\",\"outcome\":\"success\"}", &out, &err);
  CHECK(rc == 0 && strstr(out.ptr, "\"seq\":1") != NULL, "audit.record returns seq 1");
  CHECK(strstr(out.ptr, "\"timestamp\":\"2026-01-01T00:00:00Z\"") != NULL, "timestamps are RFC 3339 text");
  sp_string_free(&out);
  sp_string_free(&out); /* freeing twice is safe */

  rc = call(engine, "acme", "audit.verify", "", &out, &err);
  CHECK(rc == 0 && strstr(out.ptr, "\"valid\":true") != NULL, "audit.verify is valid");
  sp_string_free(&out);

  rc = call(engine, "bad tenant!", "audit.verify", "{}", &out, &err);
  CHECK(rc == 1100 && err.code == 1100 && err.status == 400, "invalid tenant -> 1100 / 400");
  CHECK(err.name && strcmp(err.name, "InvalidTenant") == 0, "error name InvalidTenant");
  CHECK(err.kind && strcmp(err.kind, "Validation") == 0, "error kind Validation");
  CHECK(err.field && strcmp(err.field, "tenant_id") == 0, "error field tenant_id");
  CHECK(out.ptr == NULL, "no output on error");
  sp_error_clear(&err);
  CHECK(err.code == 0 && err.name == NULL, "sp_error_clear zeroes the error");

  const uint8_t bad_utf8[] = {'a', 0xff, 'b'};
  rc = sp_call(engine, bad_utf8, sizeof bad_utf8, S("audit.verify"), S("{}"), &out, &err);
  CHECK(rc == 1105 && strcmp(err.field, "scope") == 0, "invalid UTF-8 -> InvalidUtf8 naming the argument");
  sp_error_clear(&err);

  rc = sp_call(engine, NULL, 4, S("audit.verify"), S("{}"), &out, &err);
  CHECK(rc == 1106, "NULL pointer with a length -> NullArgument");
  sp_error_clear(&err);

  rc = sp_call(NULL, S("acme"), S("audit.verify"), S("{}"), &out, &err);
  CHECK(rc == 1106 && strcmp(err.field, "engine") == 0, "NULL engine -> NullArgument");
  sp_error_clear(&err);

  rc = call(engine, "acme", "audit.list", "{not json", &out, &err);
  CHECK(rc == 1000 && strcmp(err.field, "args_json") == 0, "malformed JSON -> Validation naming args_json");
  sp_error_clear(&err);

  rc = call(engine, "acme", "no.such.method", "{}", &out, &err);
  CHECK(rc == 1000 && strcmp(err.field, "method") == 0, "unknown method -> Validation naming method");
  sp_error_clear(&err);

  rc = call(engine, "*", "clock.advance", "{\"seconds\":90}", &out, &err);
  CHECK(rc == 0 && strstr(out.ptr, "2026-01-01T00:01:30") != NULL, "manual clock advances");
  sp_string_free(&out);

  rc = sp_call(engine, S("acme"), S("audit.verify"), S("{}"), NULL, &err);
  CHECK(rc == 1106, "NULL out -> NullArgument");
  sp_error_clear(&err);

  rc = call(engine, "acme", "audit.verify", "{}", &out, NULL);
  CHECK(rc == 0, "a NULL error slot is allowed");
  sp_string_free(&out);

  CHECK(sp_engine_close(engine, &err) == 0, "close");
  CHECK(sp_engine_close(engine, &err) == 0, "close twice is fine");
  rc = call(engine, "acme", "audit.verify", "{}", &out, &err);
  CHECK(rc == 1102 && err.status == 503, "calls after close -> EngineClosed");
  sp_error_clear(&err);
  sp_engine_free(engine);
  sp_engine_free(NULL);

  SpEngine *bad = NULL;
  rc = sp_engine_new(S("{\"worker_threads\":0}"), &bad, &err);
  CHECK(rc == 1101 && bad == NULL && strcmp(err.field, "worker_threads") == 0, "bad option -> InvalidConfig naming it");
  sp_error_clear(&err);
  rc = sp_engine_new(S("{\"colour\":\"blue\"}"), &bad, &err);
  CHECK(rc == 1000 && strcmp(err.field, "colour") == 0, "unknown option -> Validation naming it");
  sp_error_clear(&err);

  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
