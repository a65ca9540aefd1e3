"""How generation and import time grow with the size of a service.

A synthetic ASMX WSDL shaped like ``specs/pixelz/pixelz.wsdl`` (the same four bindings: SOAP 1.1,
SOAP 1.2, HTTP GET and HTTP POST) is written with ``n`` operations into a temporary project as
``specs/big/big.wsdl``. Each operation takes five parameters of mixed types (string, int, guid,
boolean, dateTime) and returns a complex result holding an ``ArrayOf<Op>Item`` of its own item
type, so types grow with operations as they do in real services.

Every measurement runs in a fresh subprocess, as a user would run it: ``python -m codegen
generate --root TMP`` (wall clock), then ``import generated.big`` with
``PYTHONDONTWRITEBYTECODE=1`` (so each import compiles, as the first import after generation
does), timed inside the child and with its peak RSS taken from ``getrusage(RUSAGE_CHILDREN)``.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from time import perf_counter

from bench.payload import ROOT

QUICK_SIZES = (10, 100, 1000)
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
_IMPORT_PROBE = (
    "import time; t = time.perf_counter(); import generated.big; print(time.perf_counter() - t)"
)

_IMPORT_WRAPPER = (
    "import resource, subprocess, sys; "
    "out = subprocess.run([sys.executable, '-c', sys.argv[1]], capture_output=True, text=True, "
    "check=True).stdout.strip(); "
    "print(out, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)


@dataclass(frozen=True)
class ScalingRow:
    operations: int
    wsdl_bytes: int
    generate_seconds: float
    generated_bytes: int
    import_seconds: float
    import_peak_rss_bytes: int


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


def _child_env(root: Path) -> dict[str, str]:
    """The temporary project first on ``sys.path`` (its ``generated``), this repo's wirekit next."""
    path = os.pathsep.join([str(root), str(ROOT)])
    return {**os.environ, "PYTHONPATH": path, "PYTHONDONTWRITEBYTECODE": "1"}


def _generate(root: Path) -> float:
    start = perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "codegen", "generate", "--quiet", "--root", str(root)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = perf_counter() - start
    if done.returncode != 0 or not (root / "generated" / "big" / "client.py").is_file():
        raise RuntimeError(f"generation failed for {root}:\n{done.stdout}{done.stderr}")
    return elapsed


def _import(root: Path) -> tuple[float, int]:
    """Seconds to ``import generated.big`` (timed in the child) and the child's peak RSS.

    ``getrusage(RUSAGE_CHILDREN)`` is the largest child a process has waited for, and in this
    process that is the generator. So a fresh wrapper process runs the import child as its only
    child and reports the figure for it alone.
    """
    done = subprocess.run(
        [sys.executable, "-c", _IMPORT_WRAPPER, _IMPORT_PROBE],
        cwd=root,
        env=_child_env(root),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"import generated.big failed:\n{done.stderr}")
    seconds, peak_kib = done.stdout.split()
    return float(seconds), int(peak_kib) * 1024  # Linux reports ru_maxrss in KiB


def measure_size(n: int) -> ScalingRow:
    with tempfile.TemporaryDirectory(prefix="bench-scaling.") as tmp:
        root = Path(tmp)
        spec = root / "specs" / "big" / "big.wsdl"
        spec.parent.mkdir(parents=True)
        text = synthetic_wsdl(n)
        spec.write_text(text, encoding="utf-8")
        seconds = _generate(root)
        package = root / "generated" / "big"
        size = sum(p.stat().st_size for p in package.glob("*.py"))
        import_seconds, rss = _import(root)
    return ScalingRow(n, len(text.encode()), seconds, size, import_seconds, rss)


def growth_exponent(rows: list[ScalingRow]) -> float:
    """Least-squares slope of log(seconds) on log(operations): 1 is linear, 2 quadratic."""
    xs = [math.log(r.operations) for r in rows]
    ys = [math.log(r.generate_seconds) for r in rows]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx
