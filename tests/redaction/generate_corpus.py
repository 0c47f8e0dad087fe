#!/usr/bin/env python3
"""Generates the labelled redaction corpus (corpus.txt + labels.jsonl) from a fixed seed.

Every value is synthetic: card numbers are random Luhn-valid numbers, IBANs random with
computed mod-97 check digits, and every token or key is random characters behind the
vendor's public prefix (none of them is a real credential). labels.jsonl holds, per line,
a JSON object {"kind": "positive"|"negative", "spans": [[ENTITY, char_start, char_end], ...]}
with Python str (code point) offsets. Negative lines hold look-alikes that must not be found.

Run from the repository root: python3 tests/redaction/generate_corpus.py
"""

import base64
import json
import random
import string
from pathlib import Path

R = random.Random(20261123)
HERE = Path(__file__).parent
ALNUM = string.ascii_letters + string.digits
FIRST = ["jane", "john", "maria", "li", "ahmed", "sofia", "lukas", "emma", "noah", "chloe", "ravi", "zoe"]
LAST = ["doe", "smith", "garcia", "chen", "khan", "rossi", "muller", "martin", "brown", "dubois", "patel"]
DOMAINS = ["example.com", "example.org", "mail.example.net", "corp.example.co.uk", "example.de", "test.example.io"]


def rand(chars, n):
    return "".join(R.choice(chars) for _ in range(n))


def luhn_digit(body):
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


def luhn_ok(num):
    return luhn_digit(num[:-1]) == num[-1]


# ---------------------------------------------------------------- positives
def email():
    user = R.choice([f"{R.choice(FIRST)}.{R.choice(LAST)}", f"{R.choice(FIRST)}{R.randint(1, 99)}",
                     f"{R.choice(FIRST)}+billing", f"{R.choice(FIRST).upper()}_{R.choice(LAST)}"])
    return "EMAIL_ADDRESS", f"{user}@{R.choice(DOMAINS)}"


def phone():
    n = lambda k: rand(string.digits, k)
    area = f"{R.randint(2, 9)}{n(2)}"
    exch = f"{R.randint(2, 9)}{n(2)}"
    fmt = R.choice([
        f"+1 {area} {exch} {n(4)}", f"({area}) {exch}-{n(4)}", f"{area}-{exch}-{n(4)}", f"{area}.{exch}.{n(4)}",
        f"+1-{area}-{exch}-{n(4)}x{n(3)}", f"+44 20 7946 {n(4)}", f"020 7946 {n(4)}", f"+44 7700 900{n(3)}",
        f"+49 30 {n(8)}", f"030 {n(7)}", f"+33 1 42 68 {n(2)} {n(2)}", f"+4915{n(9)}", f"+61 2 9374 {n(4)}",
    ])
    return "PHONE_NUMBER", fmt


def card():
    prefix, length = R.choice([("4", 16), ("51", 16), ("55", 16), ("2221", 16), ("34", 15), ("37", 15),
                               ("6011", 16), ("65", 16), ("3530", 16), ("4", 19)])
    body = prefix + rand(string.digits, length - len(prefix) - 1)
    num = body + luhn_digit(body)
    style = R.random()
    if style < 0.4 or length == 19:
        return "CREDIT_CARD", num
    sep = " " if style < 0.7 else "-"
    if length == 15:
        return "CREDIT_CARD", sep.join([num[:4], num[4:10], num[10:]])
    return "CREDIT_CARD", sep.join(num[i:i + 4] for i in range(0, 16, 4))


def ssn():
    area = R.choice([R.randint(1, 665), R.randint(667, 899)])
    v = f"{area:03d}-{R.randint(1, 99):02d}-{R.randint(1, 9999):04d}"
    return "US_SSN", v


IBAN_FORMATS = {"DE": (18, "n"), "GB": (18, "GB"), "FR": (23, "n"), "NL": (14, "NL"), "ES": (20, "n"), "IT": (23, "IT")}


def iban():
    country = R.choice(sorted(IBAN_FORMATS))
    length, kind = IBAN_FORMATS[country]
    if kind == "GB":
        bban = rand(string.ascii_uppercase, 4) + rand(string.digits, 14)
    elif kind == "NL":
        bban = rand(string.ascii_uppercase, 4) + rand(string.digits, 10)
    elif kind == "IT":
        bban = R.choice(string.ascii_uppercase) + rand(string.digits, 22)
    else:
        bban = rand(string.digits, length)
    numeric = "".join(str(int(c, 36)) for c in bban + country + "00")
    check = 98 - int(numeric) % 97
    v = f"{country}{check:02d}{bban}"
    if R.random() < 0.3:
        v = " ".join(v[i:i + 4] for i in range(0, len(v), 4))
    return "IBAN_CODE", v


def ip():
    r = R.random()
    if r < 0.6:
        return "IP_ADDRESS", ".".join(str(R.randint(1, 254)) for _ in range(4))
    if r < 0.8:
        return "IP_ADDRESS", ":".join(f"{R.randint(0, 0xffff):x}" for _ in range(8))
    return "IP_ADDRESS", R.choice(["2001:db8::", "fe80::", "2001:db8:85a3::"]) + f"{R.randint(1, 0xffff):x}"


def mac():
    parts = [f"{R.randint(0, 255):02x}" for _ in range(6)]
    return "MAC_ADDRESS", R.choice([":", "-"]).join(parts).upper() if R.random() < 0.3 else ":".join(parts)


def password():
    return rand(ALNUM, R.randint(8, 16)) + R.choice(["!", "#", "", "9"])


def url_credentials():
    return ("URL_CREDENTIALS", password())


def github():
    return "GITHUB_TOKEN", R.choice([f"ghp_{rand(ALNUM, 36)}", f"gho_{rand(ALNUM, 36)}", f"ghs_{rand(ALNUM, 36)}",
                                     f"github_pat_{rand(ALNUM, 22)}_{rand(ALNUM, 59)}"])


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def jwt():
    header = b64url(json.dumps({"alg": R.choice(["HS256", "RS256"]), "typ": "JWT"}).encode())
    payload = b64url(json.dumps({"sub": str(R.randint(1, 10**6)), "iat": 1763800000 + R.randint(0, 10**6)}).encode())
    return "JWT", f"{header}.{payload}.{b64url(bytes(R.randrange(256) for _ in range(32)))}"


SECRETS = {
    "AWS_ACCESS_KEY": lambda: "AKIA" + rand(string.ascii_uppercase + string.digits, 16),
    "AWS_SECRET_KEY": lambda: rand(ALNUM + "/+", 40),
    "SLACK_TOKEN": lambda: f"xoxb-{rand(string.digits, 11)}-{rand(string.digits, 12)}-{rand(ALNUM, 24)}",
    "SLACK_WEBHOOK": lambda: f"https://hooks.slack.com/services/T{rand(string.ascii_uppercase + string.digits, 8)}/B{rand(string.ascii_uppercase + string.digits, 10)}/{rand(ALNUM, 24)}",
    "STRIPE_KEY": lambda: R.choice(["sk_live_", "sk_test_", "rk_live_"]) + rand(ALNUM, 24),
    "GOOGLE_API_KEY": lambda: "AIza" + rand(ALNUM + "_-", 35),
    "BEARER_TOKEN": lambda: rand(ALNUM + "-._", 40),
    "PRIVATE_KEY": lambda: "-----BEGIN RSA PRIVATE KEY-----\\n" + "\\n".join(rand(ALNUM + "+/", 64) for _ in range(3)) + "\\n-----END RSA PRIVATE KEY-----",
}


def ts():
    return f"2026-11-{R.randint(1, 28):02d}T{R.randint(0, 23):02d}:{R.randint(0, 59):02d}:{R.randint(0, 59):02d}.{R.randint(0, 999):03d}Z"


def svc():
    return R.choice(["api", "billing", "auth", "payments", "crm", "gateway", "worker"])


def positive_templates():
    s = lambda k: (k, SECRETS[k]())
    return [
        lambda: [f"{ts()} INFO [{svc()}] login ok user=", email(), " ip=", ip()],
        lambda: [f"{ts()} INFO [crm] contact updated email=", email(), " phone=", phone()],
        lambda: ['{"ts":"', ts(), '","level":"info","msg":"charge","card":"', card(), '","customer":"', email(), '"}'],
        lambda: [f"{ts()} INFO [kyc] verified applicant ssn=", ssn(), " country=US"],
        lambda: [f"{ts()} INFO [payouts] transfer iban=", iban(), f" amount={R.randint(1, 9999)}.00 EUR"],
        lambda: [f"{ts()} DEBUG [net] dhcp lease mac=", mac(), " ip=", ip()],
        lambda: [f"Please call me back at ", phone(), " or write to ", email(), ", thanks!"],
        lambda: [f"The customer read their card number ", card(), " over the phone; it was declined."],
        lambda: [f"{ts()} WARN [deploy] fetching https://deploy:", url_credentials(), "@artifacts.example.com/build.tgz"],
        lambda: [f"{ts()} INFO [db] connecting to postgres://app:", ("CONNECTION_STRING", password()), "@db.internal:5432/main"],
        lambda: [f'{ts()} INFO [cache] REDIS_URL=redis://:', ("CONNECTION_STRING", password()), "@cache.internal:6379/0"],
        lambda: ['{"svc":"', svc(), '","db":"mongodb+srv://svc:', ("CONNECTION_STRING", password()), '@cluster0.example.net/app"}'],
        lambda: [f"{ts()} ERROR [aws] request signed with access key ", s("AWS_ACCESS_KEY"), " was denied"],
        lambda: ["aws_access_key_id = ", s("AWS_ACCESS_KEY"), "\taws_secret_access_key = ", s("AWS_SECRET_KEY")],
        lambda: [f"{ts()} WARN [ci] GITHUB_TOKEN=", github(), " exported to the job environment"],
        lambda: [f"git clone https://x-access-token:", github(), "@github.com/example/repo.git"],
        lambda: [f"{ts()} INFO [notify] posting with token ", s("SLACK_TOKEN"), " to #alerts"],
        lambda: [f"{ts()} INFO [notify] webhook=", s("SLACK_WEBHOOK"), " status=200"],
        lambda: ['{"level":"debug","stripe_key":"', s("STRIPE_KEY"), '","mode":"charge"}'],
        lambda: [f"{ts()} INFO [maps] geocode https://maps.example.com/api?key=", s("GOOGLE_API_KEY"), "&q=Berlin"],
        lambda: [f"{ts()} DEBUG [auth] session cookie=", jwt(), " issued"],
        lambda: ["GET /api/v1/me HTTP/1.1 Authorization: Bearer ", s("BEARER_TOKEN"), " Accept: */*"],
        lambda: ["curl -H 'Authorization: Bearer ", jwt(), "' https://api.example.com/v1/orders"],
        lambda: ['{"event":"key_upload","pem":"', s("PRIVATE_KEY"), '"}'],
        lambda: [f"{ts()} ERROR [db] auth failed password=", ("SECRET", password()), " user=app"],
        lambda: ['{"user":"svc","password":"', ("SECRET", password()), '","retry":true}'],
        lambda: ["config: api_key: ", ("SECRET", rand(ALNUM, 32)), " region: eu-west-1"],
        lambda: [f"{ts()} DEBUG [oauth] client_secret=", ("SECRET", rand(ALNUM, 28)), "&grant_type=client_credentials"],
        lambda: ["export DB_PASSWORD='", ("SECRET", password()), "'"],
        lambda: ["Hi team, my new number is ", phone(), " and my SSN for the payroll form is ", ssn(), "."],
        lambda: ["Wire the refund to ", iban(), " (account holder ", email(), ")."],
        lambda: [f"{ts()} INFO [edge] client ", ip(), " -> upstream ", ip(), " 200"],
    ]


# ---------------------------------------------------------------- negatives
def order_number():
    while True:
        num = "4" + rand(string.digits, 15)
        if not luhn_ok(num):
            return num


def negative_templates():
    hexs = lambda n: rand("0123456789abcdef", n)
    uuid = lambda: f"{hexs(8)}-{hexs(4)}-4{hexs(3)}-a{hexs(3)}-{hexs(12)}"
    return [
        lambda: f"{ts()} INFO [orders] order {order_number()} shipped, tracking {rand(string.digits, 12)}",
        lambda: f"{ts()} INFO [build] version {R.randint(1, 9)}.{R.randint(0, 20)}.{R.randint(0, 9)}.{R.randint(0, 9)}.{R.randint(0, 9)} released",
        lambda: f"{ts()} DEBUG [api] request_id={uuid()} trace={hexs(32)} span={hexs(16)}",
        lambda: f"commit {hexs(40)} (HEAD -> main) merged {hexs(7)}",
        lambda: f"{ts()} INFO [scheduler] took {R.randint(1, 90000)}ms bytes={R.randint(10**5, 10**9)} pid={R.randint(100, 99999)}",
        lambda: f"{ts()} INFO [metrics] epoch_ms={R.randint(1700000000000, 1800000000000)} seq={R.randint(10**8, 10**9 - 1)}",
        lambda: f'{{"ts":"{ts()}","level":"info","msg":"heartbeat","uptime_s":{R.randint(1, 10**7)},"heap_mb":{R.random() * 900:.1f}}}',
        lambda: f"Invoice INV-2026-{R.randint(1, 999999):06d} total EUR {R.randint(1, 9999)},{R.randint(0, 99):02d} due 2026-12-{R.randint(1, 28):02d}",
        lambda: f"The password reset link was sent; the token bucket refilled and the secret santa draw is on {R.randint(1, 28)}/12/2026.",
        lambda: f"ISBN 978-3-16-{R.randint(100000, 999999)}-{R.randint(0, 9)} and coordinates {R.uniform(-90, 90):.4f}, {R.uniform(-180, 180):.4f}",
        lambda: f"{ts()} WARN [net] bad address {R.randint(256, 999)}.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(0, 255)} and partial 10.{R.randint(0, 255)}.{R.randint(0, 255)} on localhost:{R.randint(1024, 65535)}",
        lambda: f"{ts()} INFO [users] mention @{R.choice(FIRST)} in thread, see user@localhost and a@b",
        lambda: f"{ts()} DEBUG [hw] register 0x{hexs(8)} flags 00:11:22:33:44 serial SN-{rand(string.ascii_uppercase + string.digits, 10)}",
        lambda: f"{ts()} INFO [kyc] rejected test numbers 000-{R.randint(10, 99)}-{R.randint(1000, 9999)} and 666-{R.randint(10, 99)}-{R.randint(1000, 9999)} and 9{R.randint(10, 99)}-{R.randint(10, 99)}-{R.randint(1000, 9999)}",
        lambda: f"{ts()} INFO [payouts] rejected iban DE00{rand(string.digits, 18)} (checksum)",
        lambda: f"He was the bearer of bad news; the api key rotation finished at {R.randint(0, 23):02d}:{R.randint(0, 59):02d}.",
        lambda: f"{ts()} INFO [build] artifact sha256:{hexs(64)} size {R.randint(1, 999)}.{R.randint(0, 9)} MB",
        lambda: f"{ts()} INFO [http] GET /api/v1/items/{R.randint(1, 10**6)}?page={R.randint(1, 50)}&limit=50 200 {R.randint(1, 500)}ms",
        lambda: f"Chrome/{R.randint(90, 130)}.0.{R.randint(1000, 9999)}.{R.randint(10, 200)} Safari/537.36 build 2026.11.{R.randint(1, 28)}",
        lambda: f"{ts()} INFO [auth] password=******** token=[REDACTED] secret=null api_key=<redacted>",
    ]


def main():
    lines, labels = [], []

    def emit(parts, kind):
        line, spans = "", []
        for p in parts:
            if isinstance(p, tuple):
                spans.append([p[0], len(line), len(line) + len(p[1])])
                line += p[1]
            else:
                line += p
        assert "\n" not in line
        lines.append(line)
        labels.append({"kind": kind, "spans": spans})

    pos, neg = positive_templates(), negative_templates()
    for i in range(1000):
        if i % 7 < 4:
            emit(pos[i % len(pos)](), "positive")
        else:
            emit([R.choice(neg)()], "negative")
    (HERE / "corpus.txt").write_text("\n".join(lines) + "\n")
    (HERE / "labels.jsonl").write_text("\n".join(json.dumps(x) for x in labels) + "\n")
    print(f"{len(lines)} lines, {sum(len(x['spans']) for x in labels)} labelled values")


if __name__ == "__main__":
    main()
