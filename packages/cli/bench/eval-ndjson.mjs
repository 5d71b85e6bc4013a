// Benchmark: `iamspec eval --policy EC2ImageBuilderExecutionPolicy --input requests.ndjson`
// end to end (process start, reading, parsing, evaluating, writing) over 1,000,000 generated
// lines, each with id, principal, action, resource and context, with `--jobs 1` and `--jobs auto`.
// The figure is a ratio to the floor measured in the same run on the same machine: a process that
// only reads the same lines with the CLI's reader, JSON.parses them and serializes them again
// (bench/floor.mjs). Targets (issue 14): `--jobs 1` >= 0.8x the floor; `--jobs auto` faster than
// `--jobs 1` (on 2 cores); peak RSS < 250 MB on 1,000,000 lines. BENCH_LINES changes the count.
import { spawn } from "node:child_process";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { availableParallelism } from "node:os";
import { autoJobs } from "../dist/evaluation/ndjson.js";

const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);
const bin = fileURLToPath(new URL("../bin/iamspec.js", import.meta.url));
const preload = fileURLToPath(new URL("./report-rss.mjs", import.meta.url));
const floorScript = fileURLToPath(new URL("./floor.mjs", import.meta.url));

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

const dir = await mkdtemp(join(tmpdir(), "iamspec-bench-"));
try {
  const input = join(dir, "requests.ndjson");
  const output = join(dir, "results.ndjson");
  await generate(input);
  const size = (await stat(input)).size;
  console.log(
    `input: ${LINES.toLocaleString("en-US")} lines, ${(size / 1024 / 1024).toFixed(0)} MB`,
  );

  // Runs a command with its stdout written to a file, as users run the CLI; peak RSS from the
  // preloaded report-rss.mjs.
  const run = async (label, args) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, ["--import", preload, ...args], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    const sink = createWriteStream(output);
    child.stdout.pipe(sink);
    let stderr = "";
    child.stderr.on("data", (chunk) => (stderr += chunk));
    const code = await new Promise((resolve) => child.on("close", resolve));
    await new Promise((resolve) =>
      sink.writableFinished ? resolve() : sink.once("finish", resolve),
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const rssMb = Number(/IAMSPEC_BENCH_MAX_RSS_KB=(\d+)/.exec(stderr)?.[1] ?? NaN) / 1024;
    const cpuSeconds = Number(/IAMSPEC_BENCH_CPU_US=(\d+)/.exec(stderr)?.[1] ?? NaN) / 1e6;
    const rate = LINES / seconds;
    const cpuRate = LINES / cpuSeconds;
    const n = (x) => Math.round(x).toLocaleString("en-US").padStart(9);
    console.log(
      `${label.padEnd(40)} ${seconds.toFixed(2).padStart(6)} s ${n(rate)} lines/s wall; ${cpuSeconds.toFixed(2).padStart(6)} s CPU ${n(cpuRate)} lines/CPU-s; peak RSS ${rssMb.toFixed(0).padStart(4)} MB (exit ${code})`,
    );
    return { rate, cpuRate, rssMb, code };
  };
  const cli = (jobs) => [
    bin,
    "eval",
    "--policy",
    "EC2ImageBuilderExecutionPolicy",
    "--input",
    input,
    "--jobs",
    jobs,
  ];
  const floor = await run("floor: read, JSON.parse, serialize", [floorScript, input]);
  const one = await run("iamspec eval --input --jobs 1", cli("1"));
  const counts = await countDecisions(output);
  const auto = await run("iamspec eval --input --jobs auto", cli("auto"));
  const autoCounts = await countDecisions(output);
  console.log(
    `decisions (--jobs 1): ${counts.Allowed} Allowed, ${counts.ImplicitlyDenied} ImplicitlyDenied, ${counts.ExplicitlyDenied} ExplicitlyDenied, ${counts.error} errors; --jobs auto gives the same counts: ${JSON.stringify(counts) === JSON.stringify(autoCounts)}`,
  );
  const againstFloor = one.rate / floor.rate;
  // CPU time (all threads) does not count waiting for a core: the figure for a shared machine.
  const againstFloorCpu = one.cpuRate / floor.cpuRate;
  const autoSpeedup = auto.rate / one.rate;
  const rss = Math.max(one.rssMb, auto.rssMb);
  console.log(`cores: ${availableParallelism()}; --jobs auto runs ${autoJobs()} workers`);
  console.log("targets:");
  console.log(
    `  --jobs 1 >= 0.8x the floor: ${againstFloor.toFixed(2)}x wall, ${againstFloorCpu.toFixed(2)}x CPU: ${againstFloor >= 0.8 && againstFloorCpu >= 0.8 ? "met" : againstFloorCpu >= 0.8 ? "met by CPU time only" : "NOT met"}`,
  );
  console.log(
    `  --jobs auto faster than --jobs 1: ${autoSpeedup.toFixed(2)}x: ${autoSpeedup > 1 ? "met" : "NOT met"}`,
  );
  console.log(
    `  peak RSS < 250 MB on ${LINES.toLocaleString("en-US")} lines: ${rss.toFixed(0)} MB: ${rss < 250 ? "met" : "NOT met"}`,
  );
  for (const [label, c] of [
    ["--jobs 1", counts],
    ["--jobs auto", autoCounts],
  ]) {
    if (c.lines !== LINES) {
      console.error(`${label}: expected ${LINES} result lines, got ${c.lines}`);
      process.exitCode = 1;
    }
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
