/* Runs the language-neutral vectors of tests/conformance/ through the C ABI (cJSON parses the
 * vectors and results). Usage: conformance <vector.json>...; ends with "N passed, M failed". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cjson/cJSON.h>
#include "shared_platform.h"

static int contains(const cJSON *actual, const cJSON *expected) {
  if (actual == NULL) return 0;
  if (cJSON_IsObject(expected)) {
    if (!cJSON_IsObject(actual)) return 0;
    const cJSON *field;
    cJSON_ArrayForEach(field, expected) {
      if (!contains(cJSON_GetObjectItemCaseSensitive(actual, field->string), field)) return 0;
    }
    return 1;
  }
  if (cJSON_IsArray(expected)) {
    if (!cJSON_IsArray(actual) || cJSON_GetArraySize(actual) != cJSON_GetArraySize(expected)) return 0;
    for (int i = 0; i < cJSON_GetArraySize(expected); i++) {
      if (!contains(cJSON_GetArrayItem(actual, i), cJSON_GetArrayItem(expected, i))) return 0;
    }
    return 1;
  }
  return cJSON_Compare(actual, expected, 1);
}

static cJSON *substitute(const cJSON *value, const cJSON *saved) {
  if (cJSON_IsString(value)) {
    const char *s = value->valuestring;
    size_t n = strlen(s);
    if (n > 3 && s[0] == '$' && s[1] == '{' && s[n - 1] == '}') {
      char name[256];
      snprintf(name, sizeof name, "%.*s", (int)(n - 3), s + 2);
      const cJSON *found = cJSON_GetObjectItemCaseSensitive(saved, name);
      return found ? cJSON_Duplicate(found, 1) : cJSON_CreateNull();
    }
  }
  if (cJSON_IsArray(value) || cJSON_IsObject(value)) {
    cJSON *out = cJSON_IsArray(value) ? cJSON_CreateArray() : cJSON_CreateObject();
    const cJSON *item;
    cJSON_ArrayForEach(item, value) {
      cJSON *copy = substitute(item, saved);
      if (cJSON_IsArray(value)) cJSON_AddItemToArray(out, copy);
      else cJSON_AddItemToObject(out, item->string, copy);
    }
    return out;
  }
  return cJSON_Duplicate(value, 1);
}

static const cJSON *pointer(const cJSON *doc, const char *path) {
  char part[256];
  while (doc && *path == '/') {
    path++;
    size_t n = strcspn(path, "/");
    snprintf(part, sizeof part, "%.*s", (int)n, path);
    doc = cJSON_IsArray(doc) ? cJSON_GetArrayItem(doc, atoi(part)) : cJSON_GetObjectItemCaseSensitive(doc, part);
    path += n;
  }
  return doc;
}

static cJSON *error_view(const SpError *err) {
  cJSON *view = cJSON_CreateObject();
  cJSON_AddNumberToObject(view, "code", err->code);
  cJSON_AddStringToObject(view, "name", err->name ? err->name : "");
  cJSON_AddNumberToObject(view, "status", err->status);
  if (err->field) cJSON_AddStringToObject(view, "field", err->field);
  else cJSON_AddNullToObject(view, "field");
  return view;
}

static int error_matches(const SpError *err, const cJSON *expected) {
  cJSON *view = error_view(err);
  int ok = contains(view, expected);
  cJSON_Delete(view);
  return ok;
}

/* Runs one step; returns 1 when it behaved as expected. */
static int run_step(SpEngine *engine, const cJSON *step, cJSON *saved, char *why, size_t why_len) {
  const char *method = cJSON_GetStringValue(cJSON_GetObjectItem(step, "call"));
  const cJSON *scope_item = cJSON_GetObjectItem(step, "scope");
  const char *scope = scope_item ? cJSON_GetStringValue(scope_item) : "*";
  const cJSON *args_item = cJSON_GetObjectItem(step, "args");
  cJSON *args = args_item ? substitute(args_item, saved) : cJSON_CreateObject();
  char *args_text = cJSON_PrintUnformatted(args);
  SpString out = {0};
  SpError err = {0};
  uint32_t rc = sp_call(engine, (const uint8_t *)scope, strlen(scope), (const uint8_t *)method, strlen(method),
                        (const uint8_t *)args_text, strlen(args_text), &out, &err);
  const cJSON *expect_error = cJSON_GetObjectItem(step, "expect_error");
  int ok = 1;
  if (rc != 0) {
    ok = expect_error && error_matches(&err, expect_error);
    if (!ok) snprintf(why, why_len, "%s: unexpected error %u %s (%s)", method, err.code, err.message, err.field ? err.field : "-");
  } else if (expect_error) {
    ok = 0;
    snprintf(why, why_len, "%s: expected an error, got %s", method, out.ptr);
  } else {
    cJSON *result = cJSON_Parse(out.ptr);
    const cJSON *expect = cJSON_GetObjectItem(step, "expect");
    if (expect) {
      cJSON *expected = substitute(expect, saved);
      ok = contains(result, expected);
      if (!ok) snprintf(why, why_len, "%s: result %.300s", method, out.ptr);
      cJSON_Delete(expected);
    }
    const cJSON *save;
    cJSON_ArrayForEach(save, cJSON_GetObjectItem(step, "save")) {
      const cJSON *value = pointer(result, cJSON_GetStringValue(save));
      cJSON_DeleteItemFromObject(saved, save->string);
      cJSON_AddItemToObject(saved, save->string, value ? cJSON_Duplicate(value, 1) : cJSON_CreateNull());
    }
    cJSON_Delete(result);
  }
  sp_string_free(&out);
  sp_error_clear(&err);
  cJSON_free(args_text);
  cJSON_Delete(args);
  return ok;
}

static int run_case(const cJSON *vector, char *why, size_t why_len) {
  const cJSON *options = cJSON_GetObjectItem(vector, "engine");
  cJSON *empty = cJSON_CreateObject();
  char *options_text = cJSON_PrintUnformatted(options ? options : empty);
  cJSON_Delete(empty);
  SpEngine *engine = NULL;
  SpError err = {0};
  uint32_t rc = sp_engine_new((const uint8_t *)options_text, strlen(options_text), &engine, &err);
  cJSON_free(options_text);
  const cJSON *engine_error = cJSON_GetObjectItem(vector, "engine_error");
  if (engine_error || rc != 0) {
    int ok = rc != 0 && engine_error && error_matches(&err, engine_error);
    if (!ok) snprintf(why, why_len, "engine creation: rc %u %s", rc, err.message ? err.message : "");
    sp_error_clear(&err);
    sp_engine_free(engine);
    return ok;
  }
  cJSON *saved = cJSON_CreateObject();
  int ok = 1, index = 0;
  const cJSON *step;
  cJSON_ArrayForEach(step, cJSON_GetObjectItem(vector, "steps")) {
    index++;
    if (!run_step(engine, step, saved, why, why_len)) {
      ok = 0;
      char prefix[32];
      snprintf(prefix, sizeof prefix, " (step %d)", index);
      strncat(why, prefix, why_len - strlen(why) - 1);
      break;
    }
  }
  cJSON_Delete(saved);
  sp_engine_free(engine);
  return ok;
}

static char *read_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  rewind(f);
  char *text = malloc((size_t)size + 1);
  size_t got = fread(text, 1, (size_t)size, f);
  text[got] = '\0';
  fclose(f);
  return text;
}

int main(int argc, char **argv) {
  int passed = 0, failed = 0;
  for (int i = 1; i < argc; i++) {
    char *text = read_file(argv[i]);
    cJSON *suite = text ? cJSON_Parse(text) : NULL;
    free(text);
    if (!suite) {
      printf("FAIL cannot read %s\n", argv[i]);
      failed++;
      continue;
    }
    const char *module = cJSON_GetStringValue(cJSON_GetObjectItem(suite, "module"));
    const cJSON *vector;
    cJSON_ArrayForEach(vector, cJSON_GetObjectItem(suite, "cases")) {
      char why[512] = "";
      const char *name = cJSON_GetStringValue(cJSON_GetObjectItem(vector, "name"));
      if (run_case(vector, why, sizeof why)) {
        passed++;
        printf("ok   %s: %s\n", module, name);
      } else {
        failed++;
        printf("FAIL %s: %s\n     %s\n", module, name, why);
      }
    }
    cJSON_Delete(suite);
  }
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 && passed > 0 ? 0 : 1;
}
