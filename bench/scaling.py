"""How generation and import time grow with the size of a service.

A synthetic ASMX WSDL shaped like ``specs/pixelz/pixelz.wsdl`` (the same four bindings: SOAP 1.1,
SOAP 1.2, HTTP GET and HTTP POST) is written with ``n`` operations into a temporary project as
``specs/big/big.wsdl``. Each operation takes five parameters of mixed types (string, int, guid,
boolean, dateTime) and returns a complex result holding an ``ArrayOf<Op>Item`` of its own item
type, so types grow with operations as they do in real services.

Every measurement runs in a fresh subprocess, as a user would run it: ``python -m codegen
generate --root TMP`` into an empty output (wall clock and CPU, median of ``GENERATE_RUNS``),
then ``import generated.big`` and the first call of one operation (over
``httpx.MockTransport``, answered with the response its contract documents), each timed
inside the child with its peak RSS after it (its own ``VmHWM``): once with
``PYTHONDONTWRITEBYTECODE=1`` (every module compiles, as on the first import after generation;
this environment sets it), once more with the ``.pyc`` files an earlier run wrote.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter

import yaml

from bench.payload import ROOT

QUICK_SIZES = (10, 100, 1000)
#: Fresh generations per size; the verdict takes their median. On a shared machine one run's
#: wall clock can double when the disk is busy (creating ~8 000 files at 1 000 operations: the
#: package, the cassettes and ruff's copies), which one run would report as the generator's.
GENERATE_RUNS = 3
FULL_SIZES = (10, 100, 1000, 3000)
_NS = "http://big.example/"
#: (parameter name, XSD type) of every operation; the types pixelz's real operations mix.
_PARAMS = (
    ("name", "s:string"),
    ("count", "s:int"),
    ("ticket", "s1:guid"),
    ("enabled", "s:boolean"),
    ("since", "s:dateTime"),
)
#: Run in a fresh interpreter: ``import generated.big`` (timed), then the first call of one
#: operation over ``httpx.MockTransport`` answering the documented response (the file argv[1])
#: (timed); peak RSS after each. The peak is the process's own ``VmHWM``: ``ru_maxrss`` of a
#: child spawned by a large process (the bench) starts at its parent's size.
_LOAD_PROBE = """
import json, resource, sys, time
def peak():
    try:
        with open("/proc/self/status") as status:
            return next(int(l.split()[1]) for l in status if l.startswith("VmHWM:")) * 1024
    except OSError:  # not Linux: ru_maxrss, in bytes on macOS, KiB elsewhere
        unit = 1 if sys.platform == "darwin" else 1024
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * unit
start = time.perf_counter()
import generated.big as big
imported = time.perf_counter() - start
import_rss = peak()
import httpx
body = open(sys.argv[1], "rb").read()
def answer(request):
    return httpx.Response(200, headers={"Content-Type": "text/xml; charset=utf-8"}, content=body)
client = big.Client(http_client=httpx.Client(transport=httpx.MockTransport(answer)))
start = time.perf_counter()
result = client.get_thing0000(count=1, ticket="a8a8246d-76ea-5d54-877a-bacad4f05b8a", enabled=True)
called = time.perf_counter() - start
assert result.items, result
print(json.dumps([imported, import_rss, called, peak()]))
"""
#: The operation the probe calls, and whose documented answer it gets.
_CALLED = "GetThing0000"


@dataclass(frozen=True)
class ScalingRow:
    operations: int
    wsdl_bytes: int
    generate_seconds: float
    generated_bytes: int
    #: Without ``.pyc`` (every module compiled, as on the first import after generation):
    #: ``import generated.big``, and the first call of one operation after it.
    import_seconds: float
    import_peak_rss_bytes: int
    call_seconds: float
    call_peak_rss_bytes: int
    #: The same with every ``.pyc`` written by an earlier run (``PYTHONPYCACHEPREFIX``).
    pyc_import_seconds: float
    pyc_import_peak_rss_bytes: int
    pyc_call_seconds: float
    pyc_call_peak_rss_bytes: int
    #: Every fresh generation's wall clock, sorted (``generate_seconds`` is their median).
    generate_runs: tuple[float, ...] = ()
    #: Median CPU seconds of those runs (user + system of the generator and ruff).
    generate_cpu_seconds: float = 0.0


def _op_name(i: int) -> str:
    return f"GetThing{i:04d}"


def _schema(i: int) -> str:
    op = _op_name(i)
    params = "".join(
        f'<s:element minOccurs="{1 if kind in ("s:int", "s:boolean", "s1:guid") else 0}" '
        f'maxOccurs="1" name="{name}" type="{kind}" />'
        for name, kind in _PARAMS
    )
    return (
        f'<s:element name="{op}"><s:complexType><s:sequence>{params}'
        "</s:sequence></s:complexType></s:element>\n"
        f'<s:element name="{op}Response"><s:complexType><s:sequence>'
        f'<s:element minOccurs="0" maxOccurs="1" name="{op}Result" type="tns:{op}Result" />'
        "</s:sequence></s:complexType></s:element>\n"
        f'<s:complexType name="{op}Result"><s:sequence>'
        f'<s:element minOccurs="0" maxOccurs="1" name="Items" type="tns:ArrayOf{op}Item" />'
        f'<s:element minOccurs="1" maxOccurs="1" name="Total" type="s:int" />'
        "</s:sequence></s:complexType>\n"
        f'<s:complexType name="ArrayOf{op}Item"><s:sequence>'
        f'<s:element minOccurs="0" maxOccurs="unbounded" name="{op}Item" nillable="true" '
        f'type="tns:{op}Item" /></s:sequence></s:complexType>\n'
        f'<s:complexType name="{op}Item"><s:sequence>'
        '<s:element minOccurs="1" maxOccurs="1" name="Id" type="s1:guid" />'
        '<s:element minOccurs="0" maxOccurs="1" name="Label" type="s:string" />'
        '<s:element minOccurs="1" maxOccurs="1" name="Size" type="s:int" />'
        '<s:element minOccurs="1" maxOccurs="1" name="Done" type="s:boolean" />'
        '<s:element minOccurs="1" maxOccurs="1" name="Changed" type="s:dateTime" />'
        "</s:sequence></s:complexType>\n"
        f'<s:element name="{op}Result" nillable="true" type="tns:{op}Result" />\n'
    )


def _messages(i: int) -> str:
    op = _op_name(i)
    parts = "".join(f'<wsdl:part name="{name}" type="{kind}" />' for name, kind in _PARAMS)
    text = (
        f'<wsdl:message name="{op}SoapIn"><wsdl:part name="parameters" element="tns:{op}" />'
        "</wsdl:message>\n"
        f'<wsdl:message name="{op}SoapOut"><wsdl:part name="parameters" '
        f'element="tns:{op}Response" /></wsdl:message>\n'
    )
    for verb in ("HttpGet", "HttpPost"):
        text += (
            f'<wsdl:message name="{op}{verb}In">{parts}</wsdl:message>\n'
            f'<wsdl:message name="{op}{verb}Out"><wsdl:part name="Body" '
            f'element="tns:{op}Result" /></wsdl:message>\n'
        )
    return text


def _port_op(i: int, suffix: str) -> str:
    op = _op_name(i)
    return (
        f'<wsdl:operation name="{op}"><wsdl:input message="tns:{op}{suffix}In" />'
        f'<wsdl:output message="tns:{op}{suffix}Out" /></wsdl:operation>\n'
    )


def _binding_op(i: int, kind: str) -> str:
    op = _op_name(i)
    if kind in ("soap", "soap12"):
        head = f'<{kind}:operation soapAction="{_NS}{op}" style="document" />'
        io = f'<wsdl:input><{kind}:body use="literal" /></wsdl:input>'
        io += f'<wsdl:output><{kind}:body use="literal" /></wsdl:output>'
    else:
        encoded = (
            "<http:urlEncoded />"
            if kind == "get"
            else '<mime:content type="application/x-www-form-urlencoded" />'
        )
        head = f'<http:operation location="/{op}" />'
        io = f'<wsdl:input>{encoded}</wsdl:input><wsdl:output><mime:mimeXml part="Body" />'
        io += "</wsdl:output>"
    return f'<wsdl:operation name="{op}">{head}{io}</wsdl:operation>\n'


_SOAP_HTTP = 'transport="http://schemas.xmlsoap.org/soap/http"'
_BINDINGS = (
    ("ServiceSoap", "ServiceSoap", "soap", f"<soap:binding {_SOAP_HTTP} />"),
    ("ServiceSoap12", "ServiceSoap", "soap12", f"<soap12:binding {_SOAP_HTTP} />"),
    ("ServiceHttpGet", "ServiceHttpGet", "get", '<http:binding verb="GET" />'),
    ("ServiceHttpPost", "ServiceHttpPost", "post", '<http:binding verb="POST" />'),
)
_PORT_TYPES = (
    ("ServiceSoap", "Soap"),
    ("ServiceHttpGet", "HttpGet"),
    ("ServiceHttpPost", "HttpPost"),
)
_ADDRESS = {"soap": "soap", "soap12": "soap12", "get": "http", "post": "http"}


def synthetic_wsdl(n: int) -> str:
    """An ASMX-style WSDL with ``n`` operations, every binding pixelz.wsdl has."""
    ops = range(n)
    port_types = "".join(
        f'<wsdl:portType name="{name}">{"".join(_port_op(i, suffix) for i in ops)}'
        "</wsdl:portType>\n"
        for name, suffix in _PORT_TYPES
    )
    bindings = "".join(
        f'<wsdl:binding name="{name}" type="tns:{port}">{head}'
        f"{''.join(_binding_op(i, kind) for i in ops)}</wsdl:binding>\n"
        for name, port, kind, head in _BINDINGS
    )
    ports = "".join(
        f'<wsdl:port name="{name}" binding="tns:{name}">'
        f'<{_ADDRESS[kind]}:address location="https://big.example/service.asmx" /></wsdl:port>'
        for name, _, kind, _ in _BINDINGS
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        '<wsdl:definitions xmlns:s="http://www.w3.org/2001/XMLSchema" '
        'xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/" '
        'xmlns:mime="http://schemas.xmlsoap.org/wsdl/mime/" '
        f'xmlns:tns="{_NS}" xmlns:s1="http://microsoft.com/wsdl/types/" '
        'xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/" '
        'xmlns:http="http://schemas.xmlsoap.org/wsdl/http/" '
        f'targetNamespace="{_NS}" xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/">\n'
        f'<wsdl:types><s:schema elementFormDefault="qualified" targetNamespace="{_NS}">\n'
        '<s:import namespace="http://microsoft.com/wsdl/types/" />\n'
        f"{''.join(_schema(i) for i in ops)}</s:schema>\n"
        '<s:schema elementFormDefault="qualified" '
        'targetNamespace="http://microsoft.com/wsdl/types/"><s:simpleType name="guid">'
        '<s:restriction base="s:string"><s:pattern value="[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-'
        '[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}" /></s:restriction></s:simpleType>'
        "</s:schema></wsdl:types>\n"
        f"{''.join(_messages(i) for i in ops)}{port_types}{bindings}"
        f'<wsdl:service name="Service">{ports}</wsdl:service>\n</wsdl:definitions>\n'
    )


def _child_env(root: Path, pyc: bool) -> dict[str, str]:
    """The temporary project first on ``sys.path`` (its ``generated``), this repo's wirekit next;
    with ``pyc``, bytecode is written to (and read from) a cache under ``root``."""
    path = os.pathsep.join([str(root), str(ROOT)])
    env = {**os.environ, "PYTHONPATH": path}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if pyc:
        return {**env, "PYTHONPYCACHEPREFIX": str(root / "pycache")}
    return {**env, "PYTHONDONTWRITEBYTECODE": "1"}


def _generate(root: Path) -> tuple[float, float]:
    """Wall and CPU seconds (user + system, the generator and ruff) of one fresh generation."""
    for top in ("generated", "contracts"):  # fresh each time: an unchanged tree is not written
        shutil.rmtree(root / top, ignore_errors=True)
    before = os.times()
    start = perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "codegen", "generate", "--quiet", "--root", str(root)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = perf_counter() - start
    after = os.times()
    if done.returncode != 0 or not (root / "generated" / "big" / "client.py").is_file():
        raise RuntimeError(f"generation failed for {root}:\n{done.stdout}{done.stderr}")
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return elapsed, cpu


def _load(root: Path, answer: Path, pyc: bool) -> tuple[float, int, float, int]:
    """Seconds and peak RSS of ``import generated.big``, then of the first call after it, in a
    fresh interpreter (see ``_LOAD_PROBE``)."""
    done = subprocess.run(
        [sys.executable, "-c", _LOAD_PROBE, str(answer)],
        cwd=root,
        env=_child_env(root, pyc),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"import and first call of generated.big failed:\n{done.stderr}")
    seconds, rss, call, call_rss = json.loads(done.stdout)
    return float(seconds), int(rss), float(call), int(call_rss)


def _documented_answer(root: Path) -> Path:
    """The SOAP 1.1 answer the contracts document for ``_CALLED``, as a file."""
    cassette = root / "contracts" / "big" / f"{_CALLED}.soap11.yaml"
    interaction = yaml.safe_load(cassette.read_text(encoding="utf-8"))["interactions"][0]
    answer = root / "answer.xml"
    answer.write_text(interaction["response"]["body"]["string"], encoding="utf-8")
    return answer


def measure_size(n: int) -> ScalingRow:
    with tempfile.TemporaryDirectory(prefix="bench-scaling.") as tmp:
        root = Path(tmp)
        spec = root / "specs" / "big" / "big.wsdl"
        spec.parent.mkdir(parents=True)
        text = synthetic_wsdl(n)
        spec.write_text(text, encoding="utf-8")
        runs = [_generate(root) for _ in range(GENERATE_RUNS)]
        seconds = statistics.median(wall for wall, _ in runs)
        cpu = statistics.median(cpu for _, cpu in runs)
        package = root / "generated" / "big"
        size = sum(p.stat().st_size for p in package.rglob("*.py"))
        answer = _documented_answer(root)
        cold = _load(root, answer, pyc=False)
        _load(root, answer, pyc=True)  # writes the .pyc files
        warm = _load(root, answer, pyc=True)
    walls = tuple(sorted(wall for wall, _ in runs))
    return ScalingRow(n, len(text.encode()), seconds, size, *cold, *warm, walls, cpu)


def growth_exponent(rows: list[ScalingRow]) -> float:
    """Least-squares slope of log(seconds) on log(operations): 1 is linear, 2 quadratic."""
    xs = [math.log(r.operations) for r in rows]
    ys = [math.log(r.generate_seconds) for r in rows]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
