import preset from '../../jest.preset.js';

/** Unit specs of the dashboard's pure logic (formatting, URLs, tokens); the pages are tested in a real browser by tests/browser. */
export default preset;
