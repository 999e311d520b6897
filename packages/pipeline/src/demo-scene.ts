/**
 * A procedurally generated driving scene that ships with the code: the
 * embedded default of `stkit qa --demo`, and the synthetic input of the
 * `stkit qa` benchmark. Deterministic for a seed. World frame: metres, z up,
 * ground plane z = 0; clips of 40 frames on the 0.5 s grid; annotations at
 * 10 Hz or 2 Hz (some with a time offset, so they are off the grid).
 */
import { createRandom, type Clip, type Random, type Track, type TrackSample } from '@stkit/core';

/** One manoeuvre: over `[start, start + duration]` the heading changes by `degrees` (positive = left, counter-clockwise seen from above). */
interface Turn {
  start: number;
  duration: number;
  degrees: number;
}

/** A scripted agent. */
interface Agent {
  category: string;
  /** Start position on the ground, metres. */
  x: number;
  y: number;
  /** Initial heading, degrees counter-clockwise from +x. */
  heading: number;
  /** Speed (m/s) as a function of clip time. */
  speed: (t: number) => number;
  turns: Turn[];
  /** Presence window in clip seconds. */
  appear: number;
  disappear: number;
  /** Annotation period (s) and offset of the first annotation. */
  period: number;
  offset: number;
  /** Interval without annotations (occlusion), if any. */
  hidden?: [number, number];
  /** Std-dev of annotation jitter, metres. */
  jitter: number;
  size: [number, number, number];
}

const FRAME_COUNT = 40;
const STEP = 0.01; // integration step, s

function integrate(agent: Agent, random: Random): TrackSample[] {
  const samples: TrackSample[] = [];
  let x = agent.x;
  let y = agent.y;
  let heading = (agent.heading * Math.PI) / 180;
  let nextSample = agent.appear + agent.offset;
  const steps = Math.round(agent.disappear / STEP);
  for (let step = 0; step <= steps; step++) {
    const t = step * STEP;
    if (t >= nextSample - 1e-9) {
      const hidden = agent.hidden !== undefined && t > agent.hidden[0] && t < agent.hidden[1];
      if (!hidden && t >= agent.appear - 1e-9) {
        const jx = agent.jitter === 0 ? 0 : gaussian(random) * agent.jitter;
        const jy = agent.jitter === 0 ? 0 : gaussian(random) * agent.jitter;
        const tq = Math.round(t * 100) / 100;
        const half = heading / 2;
        samples.push({
          t: tq,
          center: [round6(x + jx), round6(y + jy), agent.size[2] / 2],
          size: agent.size,
          rotation: [round6(Math.cos(half)), 0, 0, round6(Math.sin(half))],
        });
      }
      nextSample += agent.period;
    }
    // Advance: turn rate from the active manoeuvre, then move along the heading.
    for (const turn of agent.turns) {
      if (t >= turn.start && t < turn.start + turn.duration)
        heading += (((turn.degrees * Math.PI) / 180) * STEP) / turn.duration;
    }
    const v = agent.speed(t);
    x += v * STEP * Math.cos(heading);
    y += v * STEP * Math.sin(heading);
  }
  return samples;
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

function gaussian(random: Random): number {
  // Box–Muller on the seeded generator.
  const u = 1 - random.next();
  const v = random.next();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

const CAR: [number, number, number] = [4.5, 1.9, 1.6];
const TRUCK: [number, number, number] = [8.0, 2.5, 3.2];
const PEDESTRIAN: [number, number, number] = [0.6, 0.6, 1.75];
const BICYCLE: [number, number, number] = [1.8, 0.6, 1.7];

/** The scripted agents of the demo scene, varied by the random generator. */
function demoAgents(random: Random): Agent[] {
  const vary = (value: number, spread: number): number => value * (1 + spread * (2 * random.next() - 1));
  const cruise = vary(10, 0.2);
  return [
    // Straight at constant speed along +x.
    {
      category: 'car',
      x: -60,
      y: -2,
      heading: 0,
      speed: () => cruise,
      turns: [],
      appear: 0,
      disappear: 19.5,
      period: 0.1,
      offset: 0,
      jitter: 0,
      size: CAR,
    },
    // Heading north, right turn (→ 3 o'clock) at 8 s.
    {
      category: 'car',
      x: 4,
      y: -70,
      heading: 90,
      speed: () => vary(8, 0.1),
      turns: [{ start: 8, duration: 3, degrees: -90 }],
      appear: 0,
      disappear: 19.5,
      period: 0.1,
      offset: 0.05,
      jitter: 0.02,
      size: CAR,
    },
    // Heading south, left turn (→ 9 o'clock) at 6 s.
    {
      category: 'car',
      x: -4,
      y: 50,
      heading: -90,
      speed: () => 7,
      turns: [{ start: 6, duration: 3, degrees: 90 }],
      appear: 0,
      disappear: 19.5,
      period: 0.5,
      offset: 0,
      jitter: 0,
      size: CAR,
    },
    // U-turn (→ 6 o'clock) at 7 s.
    {
      category: 'car',
      x: 30,
      y: 6,
      heading: 180,
      speed: () => 6,
      turns: [{ start: 7, duration: 4, degrees: 180 }],
      appear: 0,
      disappear: 19.5,
      period: 0.1,
      offset: 0,
      jitter: 0,
      size: CAR,
    },
    // Parked with annotation jitter (~0.2 m of summed steps per second): stationary ([definitions §2](docs/pages/definitions.md#distance-speed)), so no distance,
    // speed or direction question about it and 0 in the distance/speed comparisons.
    {
      category: 'car',
      x: 12,
      y: 8,
      heading: 0,
      speed: () => 0,
      turns: [],
      appear: 0,
      disappear: 19.5,
      period: 0.1,
      offset: 0,
      jitter: 0.03,
      size: CAR,
    },
    // Slow truck, opposite direction to the first car.
    {
      category: 'truck',
      x: 60,
      y: 2,
      heading: 180,
      speed: () => vary(3, 0.2),
      turns: [],
      appear: 0,
      disappear: 19.5,
      period: 0.5,
      offset: 0,
      jitter: 0,
      size: TRUCK,
    },
    // Pedestrian entering late, crossing.
    {
      category: 'pedestrian',
      x: 8,
      y: -6,
      heading: 90,
      speed: () => 1.4,
      turns: [],
      appear: 5,
      disappear: 19.5,
      period: 0.1,
      offset: 0,
      jitter: 0.02,
      size: PEDESTRIAN,
    },
    // Cyclist with a 2 s occlusion (gap > 1 s) and a stop-and-go speed.
    {
      category: 'bicycle',
      x: -20,
      y: 4,
      heading: 0,
      speed: (t) => (t > 12 && t < 14 ? 0.5 : 5),
      turns: [],
      appear: 0,
      disappear: 19.5,
      period: 0.1,
      offset: 0,
      hidden: [9, 11.2],
      jitter: 0.02,
      size: BICYCLE,
    },
  ];
}

/** Agents of a synthetic benchmark clip: `tracks` random agents, all present the whole clip. */
function syntheticAgents(random: Random, tracks: number): Agent[] {
  const agents: Agent[] = [];
  const categories = ['car', 'car', 'car', 'truck', 'pedestrian', 'bicycle'];
  for (let index = 0; index < tracks; index++) {
    const category = random.pick(categories);
    const speed =
      category === 'pedestrian' ? 0.5 + random.next() * 1.5 : random.next() < 0.15 ? 0 : 2 + random.next() * 14;
    const turns: Turn[] =
      random.next() < 0.5
        ? [
            {
              start: 2 + random.next() * 12,
              duration: 2 + random.next() * 3,
              degrees: random.pick([-90, 90, 180, -45, 30]),
            },
          ]
        : [];
    agents.push({
      category,
      x: (random.next() - 0.5) * 160,
      y: (random.next() - 0.5) * 160,
      heading: random.next() * 360,
      speed: () => speed,
      turns,
      appear: 0,
      disappear: 19.5,
      period: 0.5,
      offset: 0,
      jitter: speed === 0 ? 0.03 : 0,
      size:
        category === 'pedestrian' ? PEDESTRIAN : category === 'truck' ? TRUCK : category === 'bicycle' ? BICYCLE : CAR,
    });
  }
  return agents;
}

/** Options of {@link createDemoClips}. */
export interface DemoClipsOptions {
  /** Number of clips. @default 1 */
  count?: number;
  /** Seed of the scene variations. @default 0 */
  seed?: number;
  /**
   * `'demo'`: the scripted intersection (straight, right/left/U turns, parked,
   * late entry, occlusion). `{ tracks }`: random agents, all on the 0.5 s grid
   * (the benchmark input). @default 'demo'
   */
  kind?: 'demo' | { tracks: number };
}

/** Creates the built-in procedurally generated driving clips. */
export function createDemoClips(options: DemoClipsOptions = {}): Clip[] {
  const count = options.count ?? 1;
  const root = createRandom(options.seed ?? 0);
  const clips: Clip[] = [];
  for (let clipIndex = 0; clipIndex < count; clipIndex++) {
    const random = root.fork(clipIndex);
    const kind = options.kind ?? 'demo';
    const agents = kind === 'demo' ? demoAgents(random) : syntheticAgents(random, kind.tracks);
    const tracks: Track[] = agents.map((agent, index) => ({
      id: `${agent.category}-${index + 1}`,
      category: agent.category,
      samples: integrate(agent, random),
    }));
    const base = 1_700_000_000_000_000_000n + BigInt(clipIndex) * 60_000_000_000n;
    clips.push({
      id: `${kind === 'demo' ? 'demo' : 'synthetic'}-${String(clipIndex).padStart(5, '0')}`,
      source: {
        dataset: 'demo',
        log: kind === 'demo' ? 'intersection' : 'synthetic',
        split: 'demo',
        domain: 'driving',
      },
      up: [0, 0, 1],
      frames: Array.from({ length: FRAME_COUNT }, (_, k) => ({
        t: k * 0.5,
        timestamp: (base + BigInt(k) * 500_000_000n).toString(),
      })),
      tracks,
    });
  }
  return clips;
}
