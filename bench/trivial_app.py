"""The ceiling for bench/perf.py: a trivial Flask JSON endpoint with the service's JSON provider."""
from flask import Flask, jsonify, request

from service.jsonprovider import OrjsonProvider

app = Flask(__name__)
app.json = OrjsonProvider(app)


@app.post("/echo")
def echo():
    body = request.get_json()
    return jsonify({"name": body.get("name"), "match": None})


@app.get("/healthz")
def healthz():
    return jsonify({"status": "ok"})
