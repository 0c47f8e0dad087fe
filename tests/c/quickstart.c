/* The README's C quick start. */
#include <stdio.h>
#include <string.h>
#include "shared_platform.h"

int main(void) {
  SpEngine *engine = NULL;
  SpError err = {0};
  SpString out = {0};
  if (sp_engine_new(NULL, 0, &engine, &err) != 0) return 1; /* zero-config engine */
  const char *args = "{\"actor_id\":\"alice\",\"action\":\"doc.read\",\"resource_type\":\"doc\",\"resource_id\":\"d1\",\"outcome\":\"success\"}";
  if (sp_call(engine, (const uint8_t *)"acme", 4, (const uint8_t *)"audit.record", 12,
              (const uint8_t *)args, strlen(args), &out, &err) == 0) {
    printf("%s\n", out.ptr);
    sp_string_free(&out);
  }
  if (sp_call(engine, (const uint8_t *)"bad tenant!", 11, (const uint8_t *)"audit.verify", 12, NULL, 0, &out, &err) != 0) {
    printf("%s (%u): %s\n", err.name, err.code, err.message); /* InvalidTenant (1100) */
    sp_error_clear(&err);
  }
  sp_engine_free(engine);
  return 0;
}
