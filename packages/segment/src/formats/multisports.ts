/**
 * MultiSports box tubes in the AVA-style CSV of mmaction2 (no header):
 * `video, frame_number (1-based), x1, y1, x2, y2 (normalised to [0, 1]),
 * label_index, entity_id`.
 *
 * Conversion: frame index = frame_number − 1; boxes scaled to pixels by the
 * `width × height` options (MultiSports videos are 1280×720); instance id =
 * entity_id + 1, `sourceTrackId` = entity_id; class name `person` (MultiSports
 * annotates athletes; the action label is not an object category and is
 * dropped). A person listed twice in a frame (two action labels) with the
 * same box is one instance; with different boxes it is an error.
 */
import { frameFormatError } from '../frame-error';
import { readSourceText } from './read-source-file';
import { BoxTrackCollector } from './box-tracks';
import type { BoxTrackSource, ReadBoxTracksOptions } from './bdd100k';

/** Reads a MultiSports CSV file. */
export async function readMultiSportsCsv(file: string, options: ReadBoxTracksOptions = {}): Promise<BoxTrackSource> {
  const text = await readSourceText({ file });
  const width = options.width ?? 1280,
    height = options.height ?? 720;
  const videos = new Map<string, BoxTrackCollector>();
  let boxes = 0;
  const lines = text.split(/\r?\n/);
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const row = index + 1;
    const fields = line.split(',');
    if (fields.length !== 8)
      throw frameFormatError(
        { file, row },
        `${fields.length} fields, expected 8 (video, frame, x1, y1, x2, y2, label, entity)`,
      );
    const [video, frameText, ...rest] = fields as [string, string, ...string[]];
    const numbers = rest.map((value) => Number(value.trim()));
    const frameNumber = Number(frameText.trim());
    if (!Number.isInteger(frameNumber) || frameNumber < 1)
      throw frameFormatError({ file, row, field: 'frame_number' }, `'${frameText}' is not a 1-based frame number`);
    const frameIndex = frameNumber - 1;
    const [x1, y1, x2, y2, label, entity] = numbers as [number, number, number, number, number, number];
    for (const [name, value] of [
      ['x1', x1],
      ['y1', y1],
      ['x2', x2],
      ['y2', y2],
    ] as const) {
      if (!(value >= 0 && value <= 1))
        throw frameFormatError(
          { file, row, frameIndex, field: name },
          `'${value}' is not a normalised coordinate in [0, 1]`,
        );
    }
    if (!Number.isInteger(label) || label < 0)
      throw frameFormatError({ file, row, frameIndex, field: 'label_index' }, `'${rest[4]}' is not a label index`);
    if (!Number.isInteger(entity) || entity < 0)
      throw frameFormatError({ file, row, frameIndex, field: 'entity_id' }, `'${rest[5]}' is not an entity id`);
    const name = video.trim();
    let collector = videos.get(name);
    if (!collector) {
      collector = new BoxTrackCollector(name, width, height, (sourceTrackId) => Number(sourceTrackId) + 1);
      videos.set(name, collector);
    }
    collector.add(frameIndex, String(entity), 'person', [x1 * width, y1 * height, x2 * width, y2 * height], {
      file,
      row,
      frameIndex,
    });
    boxes++;
  });
  if (boxes === 0) throw frameFormatError({ file }, 'no rows (an empty MultiSports CSV)');
  return { videos: [...videos.values()].map((collector) => collector.result()), boxes, skippedLabels: 0 };
}
