//! JNI entry points of `com.platform.sdk.redaction.RedactionBridge`: the typed redaction hot path.
//! Strings in; `redactText` returns the caller's own `String` when nothing was found; `scan`
//! returns the entity names and writes the findings' numbers into a new `long[]`. No JSON.

use jni::JNIEnv;
use jni::objects::{JClass, JObject, JObjectArray, JString};
use jni::sys::{jboolean, jlong, jobjectArray, jstring};
use shared_platform_core::redaction::{Finding, RedactionClient};
use shared_platform_core::{ErrorCode, PlatformError, api};

use crate::{engine, guard, read_string};

/// Numbers per finding in `scan`'s `long[]`: start, end, charStart, charEnd, score (raw bits of
/// the double).
const FINDING_NUMBERS: usize = 5;

fn jni_err(err: jni::errors::Error) -> PlatformError {
    PlatformError::internal(format!("JNI: {err}"))
}

fn client(env: &mut JNIEnv<'_>, handle: jlong, scope: &JString<'_>) -> Result<RedactionClient, PlatformError> {
    let scope = read_string(env, scope, "scope")?;
    api::scope_for(engine(handle)?, &scope)?.redaction()
}

fn offset(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// `static native String redactText(long engine, String scope, String text)`: the redacted text,
/// the same `text` object when nothing was found.
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_platform_sdk_redaction_RedactionBridge_redactText<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    handle: jlong,
    scope: JString<'l>,
    text: JString<'l>,
) -> jstring {
    guard(&mut env, std::ptr::null_mut(), |env| {
        let input = read_string(env, &text, "text")?;
        match client(env, handle, &scope)?.redact_text(&input)? {
            std::borrow::Cow::Borrowed(_) => Ok(text.into_raw()),
            std::borrow::Cow::Owned(changed) => env.new_string(changed).map(JString::into_raw).map_err(jni_err),
        }
    })
}

/// `static native String redactLine(long engine, String scope, String line, boolean json)`: one log
/// line as the line redactor writes it.
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_platform_sdk_redaction_RedactionBridge_redactLine<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    handle: jlong,
    scope: JString<'l>,
    line: JString<'l>,
    json: jboolean,
) -> jstring {
    guard(&mut env, std::ptr::null_mut(), |env| {
        let input = read_string(env, &line, "line")?;
        let redacted = client(env, handle, &scope)?.redact_line(&input, json != 0)?;
        env.new_string(redacted).map(JString::into_raw).map_err(jni_err)
    })
}

/// `static native String[] scan(long engine, String scope, String text, boolean redact, long[][] numbers)`:
/// `{redacted text (null when analyzing or unchanged), entity…}`; `numbers[0]` receives the
/// findings' numbers, five per finding.
#[unsafe(no_mangle)]
pub extern "system" fn Java_com_platform_sdk_redaction_RedactionBridge_scan<'l>(
    mut env: JNIEnv<'l>,
    _class: JClass<'l>,
    handle: jlong,
    scope: JString<'l>,
    text: JString<'l>,
    redact: jboolean,
    numbers: JObjectArray<'l>,
) -> jobjectArray {
    guard(&mut env, std::ptr::null_mut(), |env| {
        if numbers.is_null() {
            return Err(PlatformError::invalid(ErrorCode::NullArgument, "numbers", "is null"));
        }
        let input = read_string(env, &text, "text")?;
        let client = client(env, handle, &scope)?;
        let (redacted, findings) = if redact != 0 {
            let out = client.redact(&input)?;
            let changed = (!out.findings.is_empty()).then_some(out.text);
            (changed, out.findings)
        } else {
            (None, client.analyze(&input)?)
        };
        write_numbers(env, &numbers, &findings)?;
        let array = env
            .new_object_array(offset(findings.len() + 1) as i32, "java/lang/String", JObject::null())
            .map_err(jni_err)?;
        if let Some(redacted) = redacted {
            let value = env.new_string(redacted).map_err(jni_err)?;
            env.set_object_array_element(&array, 0, &value).map_err(jni_err)?;
        }
        for (i, finding) in findings.iter().enumerate() {
            let entity = env.new_string(finding.entity.as_ref()).map_err(jni_err)?;
            env.set_object_array_element(&array, offset(i + 1) as i32, &entity).map_err(jni_err)?;
            env.delete_local_ref(entity).map_err(jni_err)?;
        }
        Ok(array.into_raw())
    })
}

fn write_numbers(env: &mut JNIEnv<'_>, holder: &JObjectArray<'_>, findings: &[Finding]) -> Result<(), PlatformError> {
    let flat: Vec<i64> = findings
        .iter()
        .flat_map(|f| {
            [offset(f.start), offset(f.end), offset(f.char_start), offset(f.char_end), f.score.to_bits() as i64]
        })
        .collect();
    debug_assert_eq!(flat.len(), findings.len() * FINDING_NUMBERS);
    let array = env.new_long_array(offset(flat.len()) as i32).map_err(jni_err)?;
    env.set_long_array_region(&array, 0, &flat).map_err(jni_err)?;
    env.set_object_array_element(holder, 0, &array).map_err(jni_err)
}
