//! Parser for OpenFGA's modeling language (schema 1.1): `model`/`schema`, `type`, `relations`,
//! `define` with direct type restrictions, `or`, `and`, `but not`, `X from Y`, and `condition`
//! blocks. Errors carry the line and column (1-based).

use std::collections::BTreeMap;

use super::model::{ConditionDef, Model, PARAM_TYPES, ParamType, RelationDef, Rewrite, TypeDef, TypeRef};
use crate::{ErrorCode, PlatformError, Result};

/// An InvalidAuthorizationModel error at `line`:`col`.
pub(crate) fn syntax_error(line: usize, col: usize, message: &str) -> PlatformError {
    PlatformError::invalid(
        ErrorCode::InvalidAuthorizationModel,
        "model",
        format!("line {line}, column {col}: {message}"),
    )
    .with_detail(format!("{{\"line\":{line},\"column\":{col}}}"))
}

/// Parses a model written in the DSL (syntax only; see `validate` for semantics).
pub fn parse_dsl(text: &str) -> Result<Model> {
    let lines: Vec<&str> = text.lines().collect();
    let mut parser = DslParser { lines: &lines, pos: 0, model: Model::default() };
    parser.header()?;
    parser.body()?;
    Ok(parser.model)
}

struct DslParser<'a> {
    lines: &'a [&'a str],
    pos: usize,
    model: Model,
}

/// A line with its comment removed, its 1-based number and the column of its first character.
struct Line<'a> {
    text: &'a str,
    number: usize,
    indent: usize,
}

fn strip_comment(line: &str) -> &str {
    let bytes = line.as_bytes();
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'#' && (i == 0 || bytes[i - 1].is_ascii_whitespace()) {
            return &line[..i];
        }
    }
    line
}

impl<'a> DslParser<'a> {
    /// The next non-blank line (comments removed), advancing past it.
    fn next_line(&mut self) -> Option<Line<'a>> {
        while self.pos < self.lines.len() {
            let raw = self.lines[self.pos];
            self.pos += 1;
            let text = strip_comment(raw).trim_end();
            let trimmed = text.trim_start();
            if !trimmed.is_empty() {
                return Some(Line { text: trimmed, number: self.pos, indent: text.len() - trimmed.len() + 1 });
            }
        }
        None
    }

    fn header(&mut self) -> Result<()> {
        let model = self.next_line().ok_or_else(|| syntax_error(1, 1, "empty model: expected 'model'"))?;
        if model.text != "model" {
            return Err(syntax_error(model.number, model.indent, "expected 'model'"));
        }
        let schema = self.next_line().ok_or_else(|| syntax_error(model.number + 1, 1, "expected 'schema 1.1'"))?;
        let words: Vec<&str> = schema.text.split_whitespace().collect();
        match words.as_slice() {
            ["schema", "1.1"] => Ok(()),
            ["schema", version] => Err(syntax_error(
                schema.number,
                schema.indent + 7,
                &format!("unsupported schema version '{version}' (only 1.1)"),
            )),
            _ => Err(syntax_error(schema.number, schema.indent, "expected 'schema 1.1'")),
        }
    }

    fn body(&mut self) -> Result<()> {
        let mut current: Option<String> = None;
        while let Some(line) = self.next_line() {
            let (keyword, rest) = line.text.split_once(char::is_whitespace).unwrap_or((line.text, ""));
            match keyword {
                "type" => current = Some(self.type_line(&line, rest.trim())?),
                "relations" if rest.trim().is_empty() && current.is_some() => {}
                "define" => {
                    let ty = current
                        .clone()
                        .ok_or_else(|| syntax_error(line.number, line.indent, "'define' outside a type"))?;
                    self.define(&line, &ty)?;
                }
                "condition" => {
                    current = None;
                    self.condition(&line)?;
                }
                _ => return Err(syntax_error(line.number, line.indent, &format!("unexpected '{keyword}'"))),
            }
        }
        Ok(())
    }

    fn type_line(&mut self, line: &Line<'_>, name: &str) -> Result<String> {
        if !is_identifier(name) {
            return Err(syntax_error(line.number, line.indent + 5, &format!("invalid type name '{name}'")));
        }
        if self.model.types.insert(name.to_string(), TypeDef::default()).is_some() {
            return Err(syntax_error(
                line.number,
                line.indent + 5,
                &format!("type '{name}' is defined more than once"),
            ));
        }
        Ok(name.to_string())
    }

    fn define(&mut self, line: &Line<'_>, ty: &str) -> Result<()> {
        let mut text = line.text.to_string();
        // Direct type restrictions may span lines: join until the brackets balance.
        while text.matches('[').count() > text.matches(']').count() {
            let next = self.next_line().ok_or_else(|| syntax_error(line.number, line.indent, "unclosed '['"))?;
            text.push(' ');
            text.push_str(next.text);
        }
        let body = &text["define".len()..];
        let (name, expr) = body
            .split_once(':')
            .ok_or_else(|| syntax_error(line.number, line.indent + 7, "expected ':' after the relation name"))?;
        let name = name.trim();
        if !is_identifier(name) {
            return Err(syntax_error(line.number, line.indent + 7, &format!("invalid relation name '{name}'")));
        }
        let offset = line.indent + "define".len() + name.len() + 2;
        let tokens = tokenize(expr, line.number, offset)?;
        let mut rp = RewriteParser { tokens: &tokens, pos: 0, line: line.number, direct: Vec::new() };
        let rewrite = rp.expr(true)?;
        if let Some(tok) = tokens.get(rp.pos) {
            return Err(syntax_error(line.number, tok.col, &format!("unexpected '{}'", tok.text)));
        }
        let def = RelationDef { rewrite, directly_related: rp.direct };
        let relations = &mut self.model.types.entry(ty.to_string()).or_default().relations;
        if relations.insert(name.to_string(), def).is_some() {
            return Err(syntax_error(
                line.number,
                line.indent + 7,
                &format!("relation '{ty}#{name}' is defined more than once"),
            ));
        }
        Ok(())
    }

    fn condition(&mut self, line: &Line<'_>) -> Result<()> {
        let mut header = line.text["condition".len()..].to_string();
        while !header.contains('{') {
            let next = self.next_line().ok_or_else(|| syntax_error(line.number, line.indent, "expected '{'"))?;
            header.push_str(next.text);
        }
        let (signature, after_brace) = header.split_once('{').unwrap_or((&header, ""));
        let (name, params) = signature
            .split_once('(')
            .ok_or_else(|| syntax_error(line.number, line.indent + 10, "expected '(' after the condition name"))?;
        let name = name.trim();
        if !is_identifier(name) {
            return Err(syntax_error(line.number, line.indent + 10, &format!("invalid condition name '{name}'")));
        }
        let params = params
            .trim_end()
            .strip_suffix(')')
            .ok_or_else(|| syntax_error(line.number, line.indent, "expected ')'"))?;
        let parameters = parse_params(params, line.number, line.indent)?;
        let expression = self.condition_body(after_brace, line)?;
        let def = ConditionDef { expression, parameters };
        if self.model.conditions.insert(name.to_string(), def).is_some() {
            return Err(syntax_error(
                line.number,
                line.indent,
                &format!("condition '{name}' is defined more than once"),
            ));
        }
        Ok(())
    }

    /// Collects the CEL expression up to the brace closing the block (CEL braces are balanced).
    fn condition_body(&mut self, first: &str, line: &Line<'_>) -> Result<String> {
        let mut depth = 1usize;
        let mut out = String::new();
        let mut chunk = first.to_string();
        loop {
            for ch in chunk.chars() {
                match ch {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                if depth == 0 {
                    let expression = out.trim().to_string();
                    if expression.is_empty() {
                        return Err(syntax_error(line.number, line.indent, "empty condition expression"));
                    }
                    return Ok(expression);
                }
                out.push(ch);
            }
            out.push('\n');
            let raw = self
                .lines
                .get(self.pos)
                .ok_or_else(|| syntax_error(line.number, line.indent, "unclosed condition '{'"))?;
            self.pos += 1;
            chunk = (*raw).to_string();
        }
    }
}

fn parse_params(text: &str, line: usize, col: usize) -> Result<BTreeMap<String, ParamType>> {
    let mut out = BTreeMap::new();
    for part in text.split(',') {
        let (name, ty) = part
            .split_once(':')
            .ok_or_else(|| syntax_error(line, col, &format!("parameter '{}' needs a type", part.trim())))?;
        let (name, ty) = (name.trim(), ty.trim());
        let param = match ty.split_once('<') {
            Some((base, generic)) => ParamType {
                name: base.trim().to_string(),
                generic: Some(generic.trim_end_matches('>').trim().to_string()),
            },
            None => ParamType { name: ty.to_string(), generic: None },
        };
        let known = |n: &str| PARAM_TYPES.iter().any(|(d, _)| *d == n);
        let container = matches!(param.name.as_str(), "list" | "map");
        if !known(&param.name) || container != param.generic.is_some() || !param.generic.as_deref().is_none_or(known) {
            return Err(syntax_error(line, col, &format!("invalid parameter type '{ty}'")));
        }
        if out.insert(name.to_string(), param).is_some() {
            return Err(syntax_error(line, col, &format!("parameter '{name}' is declared twice")));
        }
    }
    Ok(out)
}

/// Identifiers: letters, digits, `_`, `-`, `.` (not starting with a digit-less dash).
pub(crate) fn is_identifier(text: &str) -> bool {
    !text.is_empty()
        && text.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
        && text.chars().next().is_some_and(|c| c.is_ascii_alphanumeric() || c == '_')
}

#[derive(Debug)]
struct Token {
    text: String,
    col: usize,
}

fn tokenize(expr: &str, line: usize, offset: usize) -> Result<Vec<Token>> {
    let mut tokens = Vec::new();
    let chars: Vec<char> = expr.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if "[](),:#*".contains(c) {
            tokens.push(Token { text: c.to_string(), col: offset + i });
            i += 1;
        } else if c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == '.' {
            let start = i;
            while i < chars.len() && (chars[i].is_ascii_alphanumeric() || matches!(chars[i], '_' | '-' | '.')) {
                i += 1;
            }
            tokens.push(Token { text: chars[start..i].iter().collect(), col: offset + start });
        } else {
            return Err(syntax_error(line, offset + i, &format!("unexpected character '{c}'")));
        }
    }
    Ok(tokens)
}

struct RewriteParser<'t> {
    tokens: &'t [Token],
    pos: usize,
    line: usize,
    direct: Vec<TypeRef>,
}

#[derive(PartialEq, Clone, Copy)]
enum Op {
    Or,
    And,
    ButNot,
}

impl RewriteParser<'_> {
    fn peek(&self) -> Option<&str> {
        self.tokens.get(self.pos).map(|t| t.text.as_str())
    }

    fn col(&self) -> usize {
        self.tokens.get(self.pos).or(self.tokens.last()).map_or(1, |t| t.col)
    }

    fn error(&self, message: &str) -> PlatformError {
        syntax_error(self.line, self.col(), message)
    }

    fn expect(&mut self, text: &str) -> Result<()> {
        if self.peek() == Some(text) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.error(&format!("expected '{text}'")))
        }
    }

    fn ident(&mut self, what: &str) -> Result<String> {
        match self.peek() {
            Some(t) if is_identifier(t) && !matches!(t, "or" | "and" | "but" | "from" | "with") => {
                let t = t.to_string();
                self.pos += 1;
                Ok(t)
            }
            _ => Err(self.error(&format!("expected {what}"))),
        }
    }

    fn operator(&mut self) -> Result<Option<Op>> {
        let op = match self.peek() {
            Some("or") => Op::Or,
            Some("and") => Op::And,
            Some("but") => {
                self.pos += 1;
                if self.peek() != Some("not") {
                    return Err(self.error("expected 'not' after 'but'"));
                }
                Op::ButNot
            }
            _ => return Ok(None),
        };
        self.pos += 1;
        Ok(Some(op))
    }

    /// `term (op term)*` with one operator kind per level (mixing needs parentheses, as in OpenFGA).
    fn expr(&mut self, allow_direct: bool) -> Result<Rewrite> {
        let first = self.term(allow_direct)?;
        let Some(op) = self.operator()? else { return Ok(first) };
        let mut terms = vec![first, self.term(false)?];
        loop {
            let col = self.col();
            match self.operator()? {
                None => break,
                Some(next) if next == op && op != Op::ButNot => terms.push(self.term(false)?),
                Some(_) => {
                    return Err(syntax_error(self.line, col, "mixed operators need parentheses"));
                }
            }
        }
        Ok(match op {
            Op::Or => Rewrite::Union(terms),
            Op::And => Rewrite::Intersection(terms),
            Op::ButNot => {
                let sub = terms.pop().unwrap_or(Rewrite::This);
                let base = terms.pop().unwrap_or(Rewrite::This);
                Rewrite::Difference(Box::new(base), Box::new(sub))
            }
        })
    }

    fn term(&mut self, allow_direct: bool) -> Result<Rewrite> {
        match self.peek() {
            Some("[") if allow_direct => self.direct_assignment(),
            Some("[") => Err(self.error("direct type restrictions must come first")),
            Some("(") => {
                self.pos += 1;
                let inner = self.expr(true)?;
                self.expect(")")?;
                Ok(inner)
            }
            Some(_) => {
                let computed = self.ident("a relation name")?;
                if self.peek() == Some("from") {
                    self.pos += 1;
                    let tupleset = self.ident("a relation name after 'from'")?;
                    return Ok(Rewrite::TupleToUserset { tupleset, computed });
                }
                Ok(Rewrite::Computed(computed))
            }
            None => Err(self.error("expected a relation definition")),
        }
    }

    fn direct_assignment(&mut self) -> Result<Rewrite> {
        self.expect("[")?;
        loop {
            let type_name = self.ident("a type name")?;
            let mut type_ref = TypeRef { type_name, relation: None, wildcard: false, condition: None };
            match self.peek() {
                Some(":") => {
                    self.pos += 1;
                    self.expect("*")?;
                    type_ref.wildcard = true;
                }
                Some("#") => {
                    self.pos += 1;
                    type_ref.relation = Some(self.ident("a relation name after '#'")?);
                }
                _ => {}
            }
            if self.peek() == Some("with") {
                self.pos += 1;
                type_ref.condition = Some(self.ident("a condition name after 'with'")?);
            }
            if self.direct.contains(&type_ref) {
                return Err(self.error("duplicate type restriction"));
            }
            self.direct.push(type_ref);
            match self.peek() {
                Some(",") => self.pos += 1,
                Some("]") => {
                    self.pos += 1;
                    return Ok(Rewrite::This);
                }
                _ => return Err(self.error("expected ',' or ']'")),
            }
        }
    }
}
