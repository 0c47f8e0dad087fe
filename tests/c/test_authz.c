/* C binding test of the typed authorization hot path: sp_authz_check, sp_authz_has_permission,
 * sp_authz_require_permission (models, tuples and roles set up with sp_call), conditions
 * needing context, invalid input, tenant isolation. Ends with "N passed, M failed". */
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

/* Runs a management call; returns its code and frees the result. */
static uint32_t call(SpEngine *engine, const char *tenant, const char *method, const char *args) {
  SpString out = {0};
  SpError err = {0};
  uint32_t rc = sp_call(engine, S(tenant), S(method), S(args), &out, &err);
  sp_string_free(&out);
  sp_error_clear(&err);
  return rc;
}

static const char *MODEL =
    "{\"dsl\":\"model\\n  schema 1.1\\ntype user\\ntype group\\n  relations\\n    define member: [user]\\n"
    "type document\\n  relations\\n    define owner: [user]\\n    define viewer: [user, group#member, user with in_network] or owner\\n"
    "condition in_network(user_ip: ipaddress, cidr: string) {\\n  user_ip.in_cidr(cidr)\\n}\\n\"}";

static const char *TUPLES =
    "{\"writes\":[{\"user\":\"user:anne\",\"relation\":\"owner\",\"object\":\"document:1\"},"
    "{\"user\":\"user:bob\",\"relation\":\"member\",\"object\":\"group:eng\"},"
    "{\"user\":\"group:eng#member\",\"relation\":\"viewer\",\"object\":\"document:2\"},"
    "{\"user\":\"user:carol\",\"relation\":\"viewer\",\"object\":\"document:3\","
    "\"condition\":{\"name\":\"in_network\",\"context\":{\"cidr\":\"10.0.0.0/8\"}}}]}";

static int check(SpEngine *engine, const char *tenant, const char *user, const char *relation, const char *object,
                 bool *allowed, SpError *err) {
  return (int)sp_authz_check(engine, SP_STR(tenant), SP_STR(user), SP_STR(relation), SP_STR(object), allowed, err);
}

int main(void) {
  SpError err = {0};
  SpEngine *engine = NULL;
  bool allowed = false;
  CHECK(sp_engine_new(S("{\"manual_clock\":\"2026-01-01T00:00:00Z\"}"), &engine, &err) == 0, "engine");
  CHECK(call(engine, "acme", "authz.write_model", MODEL) == 0, "model via sp_call");
  CHECK(call(engine, "acme", "authz.write_tuples", TUPLES) == 0, "tuples via sp_call");

  CHECK(check(engine, "acme", "user:anne", "viewer", "document:1", &allowed, &err) == 0 && allowed, "owner implies viewer");
  CHECK(check(engine, "acme", "user:bob", "viewer", "document:2", &allowed, &err) == 0 && allowed, "through a group");
  CHECK(check(engine, "acme", "user:bob", "owner", "document:2", &allowed, &err) == 0 && !allowed,
        "a denial is not an error");
  CHECK(check(engine, "acme", "user:carol", "viewer", "document:3", &allowed, &err) == 5008,
        "a condition without its context is ConditionEvaluation");
  sp_error_clear(&err);
  CHECK(check(engine, "acme", "user:anne", "nope", "document:1", &allowed, &err) != 0 && err.code != 0,
        "an unknown relation is an error");
  sp_error_clear(&err);

  CHECK(call(engine, "acme", "authz.define_role", "{\"role\":\"support\",\"permissions\":[\"notifications:read\"]}") == 0 &&
            call(engine, "acme", "authz.assign_role", "{\"user_id\":\"alice\",\"role\":\"support\"}") == 0,
        "role defined and assigned via sp_call");
  CHECK(sp_authz_has_permission(engine, SP_STR("acme"), SP_STR("alice"), SP_STR("notifications:read"), &allowed, &err) == 0 &&
            allowed,
        "has_permission");
  CHECK(sp_authz_has_permission(engine, SP_STR("acme"), SP_STR("alice"), SP_STR("users:delete"), &allowed, &err) == 0 &&
            !allowed,
        "missing permission");
  CHECK(sp_authz_require_permission(engine, SP_STR("acme"), SP_STR("alice"), SP_STR("notifications:read"), &err) == 0,
        "require_permission passes");
  CHECK(sp_authz_require_permission(engine, SP_STR("acme"), SP_STR("alice"), SP_STR("users:delete"), &err) == 1002 &&
            strcmp(err.field, "permission") == 0 && err.status == 403,
        "require_permission is Authorization (1002, 403)");
  sp_error_clear(&err);
  CHECK(sp_authz_has_permission(engine, SP_STR("acme"), SP_STR("alice"), SP_STR("bad permission"), &allowed, &err) == 1000 &&
            strcmp(err.field, "permission") == 0,
        "malformed permission is Validation naming the field");
  sp_error_clear(&err);

  CHECK(check(engine, "globex", "user:anne", "viewer", "document:1", &allowed, &err) == 5001,
        "another tenant has no model");
  sp_error_clear(&err);
  CHECK(call(engine, "globex", "authz.write_model", MODEL) == 0 &&
            check(engine, "globex", "user:anne", "viewer", "document:1", &allowed, &err) == 0 && !allowed,
        "another tenant's tuples are separate");
  CHECK(sp_authz_has_permission(engine, SP_STR("globex"), SP_STR("alice"), SP_STR("notifications:read"), &allowed, &err) == 0 &&
            !allowed,
        "another tenant's roles are separate");

  CHECK(sp_authz_check(engine, SP_STR("acme"), SP_STR("user:anne"), SP_STR("viewer"), SP_STR("document:1"), NULL, &err) == 1106,
        "NULL out is NullArgument");
  sp_error_clear(&err);
  SpStr invalid = {(const uint8_t *)"\xff\xfe", 2};
  CHECK(sp_authz_check(engine, SP_STR("acme"), invalid, SP_STR("viewer"), SP_STR("document:1"), &allowed, &err) == 1105 &&
            strcmp(err.field, "user") == 0,
        "invalid UTF-8 is InvalidUtf8 naming the field");
  sp_error_clear(&err);
  CHECK(check(engine, "not a tenant", "user:anne", "viewer", "document:1", &allowed, &err) == 1100, "bad tenant");
  sp_error_clear(&err);

  sp_engine_close(engine, &err);
  CHECK(check(engine, "acme", "user:anne", "viewer", "document:1", &allowed, &err) == 1102, "closed engine is EngineClosed");
  sp_error_clear(&err);
  sp_engine_free(engine);
  printf("%d passed, %d failed\n", passed, failed);
  return failed == 0 ? 0 : 1;
}
