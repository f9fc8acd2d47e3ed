// Load Taro's H5 API first (it sets up the runtime the components and router expect).
import '@tarojs/taro'
