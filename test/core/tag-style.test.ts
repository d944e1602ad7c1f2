import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { higherElsewhere, tagStyle } from '../../src/core/versioning/tag-style.js';

const test = suite('tag spellings');

test('no release tags, or only v-prefixed ones: tagPrefix "v", nothing to say', () => {
  assert.equal(tagStyle([]), { prefix: 'v', note: null });
  assert.equal(tagStyle(['v1.0.0', 'v1.2.0-rc.1', 'latest', '2024.01.15']), { prefix: 'v', note: null });
});

test('release tags without a prefix: tagPrefix "", said with the highest one', () => {
  assert.equal(tagStyle(['1.0.0', '1.10.0', '1.9.3', 'deploy-12']), {
    prefix: '',
    note: 'tagPrefix "": your release tags have no prefix (1.10.0)',
  });
});

test('both spellings: the highest release decides, and the mix is reported', () => {
  assert.equal(tagStyle(['v0.9.0', 'v0.9.1', '1.2.3']).prefix, '');
  assert.equal(tagStyle(['1.0.0', 'v1.3.0']), {
    prefix: 'v',
    note: 'tagPrefix "v": release tags in two spellings, 1 like v1.3.0 and 1 like 1.0.0; the highest, v1.3.0, decides',
  });
  assert.is(tagStyle(['1.3.0', 'v1.3.0']).prefix, 'v', 'a tie keeps the default');
});

test('higherElsewhere: the highest tag of the other spelling above the version, with its prefix', () => {
  assert.equal(higherElsewhere(['1.2.3', '1.0.0', 'v0.1.0'], 'v', '1.0.0'), { tag: '1.2.3', prefix: '' });
  assert.equal(higherElsewhere(['v2.0.0', '1.2.3'], '', '1.3.0'), { tag: 'v2.0.0', prefix: 'v' });
  assert.equal(higherElsewhere(['v2.0.0', '1.2.3'], 'app-', '1.0.0'), { tag: 'v2.0.0', prefix: 'v' });
  assert.is(higherElsewhere(['1.2.3'], 'v', '1.2.3'), null, 'not above');
  assert.is(higherElsewhere(['v9.0.0', 'latest'], 'v', '1.0.0'), null, 'own spelling is not elsewhere');
});

test.run();
