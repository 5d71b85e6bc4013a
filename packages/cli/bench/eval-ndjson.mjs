// Benchmark: `iamspec eval --policy EC2ImageBuilderExecutionPolicy --input requests.ndjson`
// end to end (process start, reading, parsing, evaluating, writing) over 1,000,000 generated
// lines, each with principal, action, resource and context. Prints requests/s and peak RSS.
// Targets (issue 5): >= 300,000 requests/s, RSS < 200 MB. For scale it also times the CLI's own
// pipeline alone (read, split, JSON.parse, serialize; no evaluation) in this process, so that
// the share of the evaluator in the end-to-end time is visible.
import { spawn } from "node:child_process";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { readLineBatches } from "../dist/evaluation/read-lines.js";
import { createStatementCache, serializeOutcome } from "../dist/evaluation/serialize-outcome.js";

const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);
// BENCH_JOBS=n passes --jobs n (worker threads); the default run is the command as users type it.
const JOBS = process.env.BENCH_JOBS;
const bin = fileURLToPath(new URL("../bin/iamspec.js", import.meta.url));
const preload = fileURLToPath(new URL("./report-rss.mjs", import.meta.url));

// A mix of allowed, implicitly denied, condition-dependent and cross-service requests.
const templates = [
  { action: "ec2:RunInstances", resource: "arn:aws:ec2:us-east-1::image/ami-0abc{n}" },
  {
    action: "ec2:RunInstances",
    resource: "arn:aws:ec2:us-east-1:111122223333:instance/i-{n}",
    context: { "aws:RequestTag/CreatedBy": "EC2 Image Builder" },
  },
  {
    action: "ec2:RunInstances",
    resource: "arn:aws:ec2:us-east-1:111122223333:volume/vol-{n}",
    context: { "aws:RequestTag/CreatedBy": "someone else" },
  },
  {
    action: "iam:PassRole",
    resource: "arn:aws:iam::111122223333:role/Build{n}",
    context: { "iam:PassedToService": "ec2.amazonaws.com" },
  },
  {
    action: "ec2:TerminateInstances",
    resource: "arn:aws:ec2:us-east-1:111122223333:instance/i-{n}",
    context: { "aws:ResourceTag/CreatedBy": "EC2 Image Builder" },
  },
  {
    action: "kms:Decrypt",
    resource: "arn:aws:kms:us-east-1:111122223333:key/k{n}",
    context: {
      "kms:ViaService": "ec2.us-east-1.amazonaws.com",
      "kms:EncryptionContextKeys": ["aws:ebs:id"],
    },
  },
  {
    action: "sns:Publish",
    resource: "arn:aws:sns:us-east-1:111122223333:topic{n}",
    context: { "aws:ResourceAccount": "111122223333" },
  },
  {
    action: "s3:GetObject",
    resource: "arn:aws:s3:::bucket/key{n}",
    context: { "aws:SourceIp": "203.0.113.7" },
  },
  {
    action: "ssm:SendCommand",
    resource: "arn:aws:ssm:us-east-1:111122223333:document/AWS-RunShellScript",
    context: {},
  },
  {
    action: "logs:PutLogEvents",
    resource: "arn:aws:logs:us-east-1:111122223333:log-group:/aws/imagebuilder/p{n}:log-stream:s",
    context: {},
  },
];

async function generate(file) {
  const out = createWriteStream(file);
  let buffer = "";
  for (let i = 0; i < LINES; i++) {
    const t = templates[i % templates.length];
    const request = {
      id: i,
      principal: "arn:aws:iam::111122223333:role/ImageBuilderRole",
      action: t.action,
      resource: t.resource.replace("{n}", String(i)),
      context: { "aws:RequestedRegion": "us-east-1", ...t.context },
    };
    buffer += `${JSON.stringify(request)}\n`;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await new Promise((resolve) => out.once("drain", resolve));
      buffer = "";
    }
  }
  out.end(buffer);
  await new Promise((resolve) => out.once("finish", resolve));
}

async function countDecisions(file) {
  const counts = { lines: 0, Allowed: 0, ImplicitlyDenied: 0, ExplicitlyDenied: 0, error: 0 };
  let pending = "";
  for await (const chunk of createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 })) {
    const lines = (pending + chunk).split("\n");
    pending = lines.pop();
    for (const line of lines) {
      counts.lines++;
      const decision =
        /"decision":"(\w+)"/.exec(line)?.[1] ?? ("error" in JSON.parse(line) ? "error" : "?");
      counts[decision] = (counts[decision] ?? 0) + 1;
    }
  }
  return counts;
}

async function pipelineAlone(file) {
  // Frozen and shared, as core's deciding statements are.
  const statement = Object.freeze({
    policyType: "identity",
    policyIndex: 0,
    policyName: "EC2ImageBuilderExecutionPolicy",
    statementIndex: 0,
    sid: "RunInstancesPermissions",
    effect: "Allow",
  });
  const cache = createStatementCache();
  let lines = 0;
  let bytes = 0;
  const started = process.hrtime.bigint();
  for await (const batch of readLineBatches(createReadStream(file, { highWaterMark: 1 << 20 }))) {
    let out = "";
    for (const line of batch.lines) {
      const request = JSON.parse(line);
      out += `${serializeOutcome({ id: request.id, decision: "Allowed", decidedBy: [statement] }, cache)}\n`;
      lines++;
    }
    bytes += out.length;
  }
  return lines / (Number(process.hrtime.bigint() - started) / 1e9);
}

const dir = await mkdtemp(join(tmpdir(), "iamspec-bench-"));
try {
  const input = join(dir, "requests.ndjson");
  const output = join(dir, "results.ndjson");
  await generate(input);
  const size = (await stat(input)).size;
  console.log(
    `input: ${LINES.toLocaleString("en-US")} lines, ${(size / 1024 / 1024).toFixed(0)} MB`,
  );

  const started = process.hrtime.bigint();
  const child = spawn(
    process.execPath,
    [
      "--import",
      preload,
      bin,
      "eval",
      "--policy",
      "EC2ImageBuilderExecutionPolicy",
      "--input",
      input,
      ...(JOBS !== undefined ? ["--jobs", JOBS] : []),
    ],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  const sink = createWriteStream(output);
  child.stdout.pipe(sink);
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const code = await new Promise((resolve) => child.on("close", resolve));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await new Promise((resolve) =>
    sink.writableFinished ? resolve() : sink.once("finish", resolve),
  );

  const maxRssKb = Number(/IAMSPEC_BENCH_MAX_RSS_KB=(\d+)/.exec(stderr)?.[1] ?? NaN);
  const counts = await countDecisions(output);
  const rate = LINES / seconds;
  console.log(`exit code: ${code}; output lines: ${counts.lines.toLocaleString("en-US")}`);
  console.log(
    `decisions: ${counts.Allowed} Allowed, ${counts.ImplicitlyDenied} ImplicitlyDenied, ${counts.ExplicitlyDenied} ExplicitlyDenied, ${counts.error} errors`,
  );
  console.log(`time: ${seconds.toFixed(2)} s end to end`);
  console.log(
    `throughput: ${Math.round(rate).toLocaleString("en-US")} requests/s (target >= 300,000: ${(rate / 300000).toFixed(2)}x)`,
  );
  console.log(
    `peak RSS: ${(maxRssKb / 1024).toFixed(0)} MB (target < 200 MB: ${(maxRssKb / 1024 / 200).toFixed(2)}x of budget)`,
  );
  const alone = await pipelineAlone(input);
  console.log(
    `CLI pipeline alone (read, split, parse, serialize; no evaluation): ${Math.round(alone).toLocaleString("en-US")} lines/s — evaluation and output take ${Math.round(100 * (1 - rate / alone))}% of the end-to-end time`,
  );
  if (counts.lines !== LINES) {
    console.error(`expected ${LINES} result lines, got ${counts.lines}`);
    process.exitCode = 1;
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
